// jQuery 4 and jquery.marquee ship no types, and @types/jquery is not installed: the bench
// page only calls $(el).marquee(options), typed where it is used.
declare module 'jquery' {
  const jQuery: unknown;
  export default jQuery;
}
declare module 'jquery.marquee';
