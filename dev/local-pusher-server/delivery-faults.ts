// Deliberate delivery faults for one connection, so tests can make the gaps
// that clients must heal (issue 16): drop the next matching event, or hold it
// back until the next event for that connection has gone out (a reordered
// pair). Set through the e2e control port; nothing sets them in production.

export type DeliveryFault = {
  socketId: string;
  /** Event name, e.g. "message.new". */
  event: string;
  action: "drop" | "reorder";
  /** How many matching deliveries it applies to (default 1). */
  count?: number;
};

/** A held event is released after this long even if no other event follows, so nothing is lost by accident. */
const HOLD_LIMIT_MS = 10_000;

type Held = { payload: string; send: (payload: string) => void; timer: NodeJS.Timeout };

export class DeliveryFaults {
  private readonly faults: Required<DeliveryFault>[] = [];
  private readonly held = new Map<string, Held>();

  add(fault: DeliveryFault): void {
    this.faults.push({ count: 1, ...fault });
  }

  /** Faults still armed, and events held back, for the control port's answers. */
  pending(): { faults: DeliveryFault[]; held: string[] } {
    return { faults: this.faults.map((fault) => ({ ...fault })), held: [...this.held.keys()] };
  }

  /** Sends `payload` to the connection, unless a fault says otherwise. */
  deliver(socketId: string, event: string, payload: string, send: (payload: string) => void): void {
    const held = this.held.get(socketId);
    const index = this.faults.findIndex((fault) => fault.socketId === socketId && fault.event === event);
    const fault = index >= 0 ? this.faults[index] : undefined;
    if (fault && (fault.count -= 1) <= 0) this.faults.splice(index, 1);

    if (fault?.action === "drop") return;
    if (fault?.action === "reorder" && !held) {
      const timer = setTimeout(() => this.release(socketId), HOLD_LIMIT_MS);
      timer.unref();
      this.held.set(socketId, { payload, send, timer });
      return;
    }
    send(payload);
    // The event after a held one overtakes it: the pair arrives reordered.
    if (held) this.release(socketId);
  }

  forget(socketId: string): void {
    const held = this.held.get(socketId);
    if (held) clearTimeout(held.timer);
    this.held.delete(socketId);
    for (let index = this.faults.length - 1; index >= 0; index -= 1) {
      if (this.faults[index].socketId === socketId) this.faults.splice(index, 1);
    }
  }

  private release(socketId: string) {
    const held = this.held.get(socketId);
    if (!held) return;
    clearTimeout(held.timer);
    this.held.delete(socketId);
    held.send(held.payload);
  }
}
