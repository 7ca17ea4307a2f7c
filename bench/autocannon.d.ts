/** The part of autocannon 9's API that bench/custody-ab.ts uses (the package ships no types). */
declare module 'autocannon' {
  interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }
  interface Options {
    url: string;
    connections?: number;
    /** Requests in all; the run ends when they are answered. */
    amount?: number;
    requests?: (Request & { setupRequest?: (request: Request) => Request })[];
  }
  interface Result {
    errors: number;
    timeouts: number;
    non2xx: number;
    requests: { total: number };
    latency: { average: number; p50: number; p99: number; max: number };
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
