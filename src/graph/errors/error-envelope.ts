/** Graph's error body (graph-spec §4.2), `innerError` spelled as on the wire. */
export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: Record<string, string>;
    details?: readonly { code: string; message: string; target?: string }[];
  };
}

/** `yyyy-MM-ddTHH:mm:ss` in UTC: no zone suffix, no fraction, as Graph writes `innerError.date`. */
export function graphErrorDate(now = new Date()): string {
  return now.toISOString().slice(0, 19);
}

export function errorEnvelope(
  code: string,
  message: string,
  ids: { requestId: string; clientRequestId: string },
  extraInner: Record<string, string> = {},
  details?: readonly { code: string; message: string; target?: string }[],
): GraphErrorBody {
  return {
    error: {
      code,
      message,
      innerError: {
        date: graphErrorDate(),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
        ...extraInner,
      },
      ...(details?.length ? { details } : {}),
    },
  };
}
