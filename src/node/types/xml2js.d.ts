// xml2js ships no types; only the part the CAP reader uses is declared.
declare module 'xml2js' {
  export interface ParserOptions {
    tagNameProcessors?: ((name: string) => string)[];
    explicitArray?: boolean;
    async?: boolean;
  }
  export class Parser {
    constructor(options?: ParserOptions);
    parseStringPromise(text: string): Promise<unknown>;
  }
  export const processors: { stripPrefix(name: string): string };
}
