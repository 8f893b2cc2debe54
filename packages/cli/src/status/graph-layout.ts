/**
 * A layered drawing of the pipeline graph for the status page: each pipeline in the column of its
 * longest chain of upstreams (sources on the left), rows in name order within a column, edges as
 * curves from an upstream's right side to its downstream's left. A cycle (the fleet check refuses
 * them, but a page must still draw) is cut where it closes.
 */

export interface LayoutNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly column: number;
}

export interface LayoutEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: string;
  /** An SVG path (`M x y C ...`). */
  readonly path: string;
}

export interface GraphLayout {
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly LayoutEdge[];
  readonly width: number;
  readonly height: number;
}

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 48;
const COLUMN_GAP = 90;
const ROW_GAP = 22;
const MARGIN = 16;

/** Columns: 0 for a pipeline nothing starts, else one more than its deepest upstream. */
function columnsOf(ids: readonly string[], edges: ReadonlyArray<{ readonly from: string; readonly to: string }>): Map<string, number> {
  const upstreams = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of edges) if (upstreams.has(edge.to) && upstreams.has(edge.from)) upstreams.get(edge.to)!.push(edge.from);
  const columns = new Map<string, number>();
  const visiting = new Set<string>();
  const column = (id: string): number => {
    const known = columns.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle: cut here
    visiting.add(id);
    const value = Math.max(-1, ...upstreams.get(id)!.map(column)) + 1;
    visiting.delete(id);
    columns.set(id, value);
    return value;
  };
  for (const id of ids) column(id);
  return columns;
}

export function layoutGraph(ids: readonly string[], edges: ReadonlyArray<{ readonly from: string; readonly to: string; readonly kind: string }>): GraphLayout {
  const columns = columnsOf(ids, edges);
  const rows = new Map<number, string[]>();
  for (const id of [...ids].sort()) rows.set(columns.get(id)!, [...(rows.get(columns.get(id)!) ?? []), id]);
  const nodes: LayoutNode[] = [];
  for (const [column, members] of rows) {
    members.forEach((id, row) => nodes.push({ id, column, x: MARGIN + column * (NODE_WIDTH + COLUMN_GAP), y: MARGIN + row * (NODE_HEIGHT + ROW_GAP) }));
  }
  const at = new Map(nodes.map((node) => [node.id, node]));
  const seen = new Set<string>();
  const drawn: LayoutEdge[] = [];
  for (const edge of edges) {
    const [from, to] = [at.get(edge.from), at.get(edge.to)];
    const key = `${edge.from}->${edge.to}:${edge.kind}`;
    if (!from || !to || seen.has(key)) continue;
    seen.add(key);
    const [x1, y1] = [from.x + NODE_WIDTH, from.y + NODE_HEIGHT / 2];
    const [x2, y2] = [to.x, to.y + NODE_HEIGHT / 2];
    const bend = Math.max(30, Math.abs(x2 - x1) / 2);
    drawn.push({ from: edge.from, to: edge.to, kind: edge.kind, path: `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}` });
  }
  const width = Math.max(0, ...nodes.map((n) => n.x + NODE_WIDTH)) + MARGIN;
  const height = Math.max(0, ...nodes.map((n) => n.y + NODE_HEIGHT)) + MARGIN;
  return { nodes, edges: drawn, width, height };
}
