import type { BenchReport, PostgresSizeReport, SizeReport } from './run-bench.js';

/** The benchmark report as aligned text for a terminal. */
function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

function sizeTable(s: SizeReport): string[] {
  const o = s.ours;
  const m = s.miniSearch;
  const lines: Array<[string, string, string, string]> = [
    ['build', `${o.buildMs} ms`, `${m.buildMs} ms`, `${s.ratios.buildMs}×`],
    ['index on disk', mib(o.bytesOnDisk), mib(m.bytesOnDisk), `${s.ratios.bytesOnDisk}×`],
    ['cold load', `${o.loadMs} ms`, `${m.loadMs} ms`, `${s.ratios.loadMs}×`],
    ['query p50', `${o.latency.p50} ms`, `${m.latency.p50} ms`, `${s.ratios.p50}×`],
    ['query p95', `${o.latency.p95} ms`, `${m.latency.p95} ms`, `${s.ratios.p95}×`],
    ['query p99', `${o.latency.p99} ms`, `${m.latency.p99} ms`, `${s.ratios.p99}×`],
    ['peak RSS serving', `${o.servePeakRssMiB} MiB`, `${m.servePeakRssMiB} MiB`, `${s.ratios.servePeakRss}×`],
    ['peak RSS building', `${o.buildPeakRssMiB} MiB`, `${m.buildPeakRssMiB} MiB`, `${s.ratios.buildPeakRss}×`],
    ['top-1 (own item)', o.top1.toFixed(3), m.top1.toFixed(3), ''],
  ];
  const widths = [18, 14, 14, 8];
  const out = [
    `${s.items} items (${s.meetings} meetings, generated in ${s.generateMs} ms; ours ${o.documents} documents / ${o.terms} terms, MiniSearch ${m.documents} / ${m.terms})`,
    row(['', 'mødebot', 'MiniSearch', 'ratio'], widths),
    ...lines.map((l) => row(l, widths)),
  ];
  const kinds = Object.entries(o.latencyByKind).map(([k, v]) => `${k} ${v.p50}/${v.p99}`);
  out.push(`  mødebot p50/p99 ms by kind: ${kinds.join(', ')}`);
  return out;
}

function postgresTable(s: PostgresSizeReport): string[] {
  const p = s.postgres;
  const m = s.memory;
  const widths = [18, 16, 14];
  const cell = (f: (x: NonNullable<PostgresSizeReport['memory']>) => string) => (m ? f(m) : '-');
  const lines: Array<[string, string, string]> = [
    ['build', `${(p.buildMs / 1000).toFixed(1)} s (${p.itemsPerSecond} items/s)`, cell((x) => `${(x.buildMs / 1000).toFixed(1)} s`)],
    ['size', mib(p.bytesOnDisk), cell((x) => mib(x.bytesOnDisk))],
    ['cold open', `${p.loadMs} ms`, cell((x) => `${x.loadMs} ms`)],
    ['query p50', `${p.latency.p50} ms`, cell((x) => `${x.latency.p50} ms`)],
    ['query p95', `${p.latency.p95} ms`, cell((x) => `${x.latency.p95} ms`)],
    ['query p99', `${p.latency.p99} ms`, cell((x) => `${x.latency.p99} ms`)],
    ['bot peak RSS serving', `${p.servePeakRssMiB} MiB`, cell((x) => `${x.servePeakRssMiB} MiB`)],
    ['peak RSS building', `${p.buildPeakRssMiB} MiB`, cell((x) => `${x.buildPeakRssMiB} MiB`)],
    ['top-1 (own item)', p.top1.toFixed(3), cell((x) => x.top1.toFixed(3))],
  ];
  const out = [`${s.items} items (${s.meetings} meetings; ${p.documents} documents, ${p.terms} terms)`, row(['', 'postgres', 'in-process'], widths), ...lines.map((l) => row(l, widths))];
  out.push(`  postgres p50/p99 ms by kind: ${Object.entries(p.latencyByKind).map(([k, v]) => `${k} ${v.p50}/${v.p99}`).join(', ')}`);
  return out;
}

export function formatReport(r: BenchReport): string {
  const lines = [
    `machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.ramGiB} GiB RAM, Node ${r.machine.node}, ${r.machine.platform}`,
    `seed ${r.seed}, ${r.questionsPerSize} questions per size after 20 warm-up; every step in its own process (cold load, peak RSS per step)`,
    '',
  ];
  for (const s of r.sizes) lines.push(...sizeTable(s), '');
  for (const s of r.postgres ?? []) lines.push(...postgresTable(s), '');
  if (r.seedCorpus) {
    const c = r.seedCorpus;
    lines.push(`seed corpus: npm start ready in ${c.startReadyMs} ms (index load ${c.startLoadMs ?? '?'} ms); ${c.askQuestions} questions through npm run ask -- --json in ${c.askWallMs} ms wall-clock`);
  }
  return lines.join('\n');
}
