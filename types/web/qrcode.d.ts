// The slice of `qrcode` the renderer uses. @types/qrcode references the Node types, which
// would let Buffer and process type-check in browser code, so tsconfig.web.json maps
// `qrcode` here instead (only the types: Vite still bundles the real package).
export interface QRCodeToSvgOptions {
  type: 'svg';
  errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
  margin?: number;
  width?: number;
  color?: { dark?: string; light?: string };
}

declare const QRCode: {
  toString(text: string, options: QRCodeToSvgOptions): Promise<string>;
};

export default QRCode;
