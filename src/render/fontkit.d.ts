// Just the part of fontkit that crmflow uses (the package ships no types).
declare module 'fontkit' {
  interface Font {
    familyName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  interface FontCollection {
    fonts: Font[];
  }
  export function openSync(path: string): Font | FontCollection;
}
