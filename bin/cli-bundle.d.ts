export declare const toolkitRoot: string;
export declare const defaultBundleDir: string;
export declare const MANIFEST: string;
/** The bundle's entry file when it was compiled from the sources exactly as they are on disk. */
export declare function freshBundle(bundleDir?: string): string | undefined;
/** Bundles the CLI into `bundleDir`; returns the entry file. */
export declare function compileCli(bundleDir?: string): Promise<string>;
