import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from '../../src/status/graph-layout';

describe('layoutGraph', () => {
  test('layoutGraph - each pipeline in the column of its longest chain of upstreams, rows by name, no two nodes overlapping', () => {
    const layout = layoutGraph(['d', 'c', 'b', 'a', 'lone'], [
      { from: 'a', to: 'b', kind: 'after' },
      { from: 'b', to: 'c', kind: 'after' },
      { from: 'a', to: 'c', kind: 'data' },
      { from: 'c', to: 'd', kind: 'after' },
    ]);
    expect(Object.fromEntries(layout.nodes.map((n) => [n.id, n.column]))).toEqual({ a: 0, lone: 0, b: 1, c: 2, d: 3 });
    for (const [i, n] of layout.nodes.entries()) {
      for (const m of layout.nodes.slice(i + 1)) {
        const apart = n.x + NODE_WIDTH <= m.x || m.x + NODE_WIDTH <= n.x || n.y + NODE_HEIGHT <= m.y || m.y + NODE_HEIGHT <= n.y;
        expect(apart).toBe(true);
      }
    }
    expect(layout.edges).toHaveLength(4);
    expect(layout.edges[0]!.path).toMatch(/^M \d+ \d+ C /);
    expect(layout.width).toBeGreaterThan(3 * NODE_WIDTH);
  });

  test('layoutGraph - a cycle is cut where it closes, and an edge to a pipeline not drawn is left out', () => {
    const layout = layoutGraph(['a', 'b'], [
      { from: 'a', to: 'b', kind: 'after' },
      { from: 'b', to: 'a', kind: 'after' },
      { from: 'b', to: 'elsewhere', kind: 'data' },
    ]);
    expect(layout.nodes.map((n) => n.id).sort()).toEqual(['a', 'b']);
    expect(layout.edges.map((e) => `${e.from}->${e.to}`)).toEqual(['a->b', 'b->a']);
  });
});
