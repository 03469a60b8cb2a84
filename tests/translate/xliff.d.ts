/** The `xliff` package (used only as an independent XLIFF 2.0 reader in tests) ships no types. */
declare module 'xliff/xliff2js' {
  interface XliffUnit {
    source: unknown;
    target?: unknown;
    note?: string | string[];
  }
  interface XliffJs {
    sourceLanguage: string;
    targetLanguage: string;
    resources: Record<string, Record<string, XliffUnit>>;
  }
  export default function xliff2js(text: string): Promise<XliffJs>;
}
