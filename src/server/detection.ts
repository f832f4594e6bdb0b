/**
 * What the server needs of a detection engine: evaluate one raw event of a
 * Falco source and return the alerts it raised. src/detect's engine fits
 * this shape; `mamori serve` passes one when it can build it (--rules).
 */
export interface DetectionEngine {
  process(event: Record<string, unknown>, source: string): EngineAlert[] | Promise<EngineAlert[]>;
}

/** The fields of src/detect's Alert that the server stores. */
export interface EngineAlert {
  rule: string;
  priority: string;
  time: string;
  output: string;
  source: string;
  tags: string[];
  fields: Record<string, unknown>;
  eventId?: string;
}
