/** The listeners of an aws.elbv2.load-balancer, as its checks read them. */
import { isUnknown, type Resource, type Unknown } from "../../../model/index.js";

export interface Listener {
  port: unknown;
  protocol: unknown;
  sslPolicy: unknown;
  defaultActions: unknown;
}

/** The listener list, or an unknown marker; each entry keyed by `PROTOCOL:port` for per-listener results. */
export interface ListenerEntry {
  key: string;
  index: number;
  listener: Listener;
}

export function listenersOf(resource: Resource): ListenerEntry[] | Unknown {
  const listeners = resource.properties.listeners;
  if (isUnknown(listeners)) return listeners;
  if (!Array.isArray(listeners)) return [];
  return (listeners as Listener[]).map((listener, index) => ({
    key: `${isUnknown(listener.protocol) ? "?" : String(listener.protocol)}:${isUnknown(listener.port) ? index : String(listener.port)}`,
    index,
    listener,
  }));
}
