export { MoodleClient, restEndpoint, metaFieldCount, type MoodleClientOptions, type CallInfo, type ClientStats } from './client.ts';
export { MoodleError, isMoodleError, type MoodleErrorKind } from './errors.ts';
export { flattenParams, countFields, encodeForm, type FormValue } from './form.ts';
export { chunkByFields } from './batch.ts';
export { mapLimited, Limiter } from './limit.ts';
export { redact, redactUrl } from './redact.ts';
export { defaultRetryPolicy, shouldRetry, retryDelay, functionKind, type RetryPolicy } from './retry.ts';
export { fetchTransport, type Transport, type TransportRequest, type TransportResponse } from './transport.ts';
export type * from './types.ts';
