// Counts which instances of a component rendered in each React commit, from
// outside the app: through the hook React offers developer tools
// (__REACT_DEVTOOLS_GLOBAL_HOOK__), so production components carry no test
// hook. Import this module before anything that loads react-dom.
//
// A commit's tree shares the fibers of subtrees that did not re-render with
// the previous tree, so the walk only descends where children changed; a
// reached component rendered when React flagged it PerformedWork.
type Fiber = {
  tag: number;
  type: unknown;
  elementType: unknown;
  flags: number;
  memoizedProps: unknown;
  child: Fiber | null;
  sibling: Fiber | null;
  alternate: Fiber | null;
};

const PERFORMED_WORK = 1;
const listeners = new Set<(fiber: Fiber) => void>();

function walk(fiber: Fiber | null, visit: (fiber: Fiber) => void) {
  for (let node = fiber; node; node = node.sibling) {
    const mounted = node.alternate === null;
    if (mounted || (node.flags & PERFORMED_WORK) === PERFORMED_WORK) visit(node);
    if (mounted || node.child !== node.alternate?.child) walk(node.child, visit);
  }
}

let rendererId = 0;
(globalThis as { __REACT_DEVTOOLS_GLOBAL_HOOK__?: unknown }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
  isDisabled: false,
  supportsFiber: true,
  renderers: new Map(),
  inject: () => ++rendererId,
  checkDCE: () => undefined,
  onScheduleFiberRoot: () => undefined,
  onCommitFiberUnmount: () => undefined,
  onPostCommitFiberRoot: () => undefined,
  onCommitFiberRoot: (_id: number, root: { current: Fiber }) => {
    if (listeners.size === 0) return;
    walk(root.current.child, (fiber) => listeners.forEach((listener) => listener(fiber)));
  },
};

/** Calls `onRender(props)` for every render of `component` from now on; returns the stop function. */
export function countRenders<P>(component: (props: P) => unknown, onRender: (props: P) => void) {
  const listener = (fiber: Fiber) => {
    if (fiber.type === component || fiber.elementType === component) onRender(fiber.memoizedProps as P);
  };
  listeners.add(listener);
  return () => listeners.delete(listener);
}
