export declare const SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }>;
export declare const API_CSP: string;
export declare function pageCsp(nonce: string, dev: boolean): string;
export declare const HSTS: string;
