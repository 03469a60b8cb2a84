/**
 * The one place the client touches the network. Tests and benchmarks inject their own transport
 * (scripted answers, call counting) or talk to the test double over real HTTP on loopback.
 */
export interface TransportRequest {
  url: string;
  /** `application/x-www-form-urlencoded` body. It holds the token: never log it. */
  body: string;
  headers: Record<string, string>;
  signal?: AbortSignal;
}

export interface TransportResponse {
  status: number;
  contentType: string;
  text: string;
  /** `Retry-After` header, when the server sent one. */
  retryAfter?: string;
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

export const fetchTransport: Transport = async (request) => {
  const response = await fetch(request.url, { method: 'POST', body: request.body, headers: request.headers, signal: request.signal, redirect: 'error' });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
    retryAfter: response.headers.get('retry-after') ?? undefined,
  };
};
