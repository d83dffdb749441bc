/** A small line chart as standalone SVG text, for README figures that benchmarks write (no browser needed). */
export interface SvgLineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  x: number[];
  series: Array<{ label: string; color: string; y: number[] }>;
  ceiling?: { label: string; y: number } | null;
}

const W = 640;
const H = 360;
const PAD = { left: 56, right: 16, top: 36, bottom: 64 };

export function lineChartSvg(c: SvgLineChart): string {
  const ys = [...c.series.flatMap((s) => s.y), ...(c.ceiling ? [c.ceiling.y] : [])];
  const yMin = Math.floor(Math.min(...ys) - 1);
  const yMax = Math.ceil(Math.max(...ys) + 1);
  const xMin = Math.min(...c.x);
  const xMax = Math.max(...c.x, xMin + 1);
  const px = (x: number) => PAD.left + ((x - xMin) / (xMax - xMin)) * (W - PAD.left - PAD.right);
  const py = (y: number) => PAD.top + (1 - (y - yMin) / (yMax - yMin)) * (H - PAD.top - PAD.bottom);
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`, `<rect width="${W}" height="${H}" fill="white"/>`];
  out.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${esc(c.title)}</text>`);
  const step = Math.max(1, Math.ceil((yMax - yMin) / 6));
  for (let y = yMin; y <= yMax; y += step) {
    out.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${py(y)}" y2="${py(y)}" stroke="#e5e5e5"/>`, `<text x="${PAD.left - 6}" y="${py(y) + 4}" text-anchor="end">${y}</text>`);
  }
  // At most about 12 x labels, so a long run's epochs do not print over each other.
  const every = Math.max(1, Math.ceil(c.x.length / 12));
  for (const x of c.x.filter((_, i) => i % every === 0 || i === c.x.length - 1)) out.push(`<text x="${px(x)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${x}</text>`);
  out.push(`<text x="${(W + PAD.left) / 2}" y="${H - PAD.bottom + 34}" text-anchor="middle">${esc(c.xLabel)}</text>`);
  out.push(`<text transform="translate(14 ${(H - PAD.bottom + PAD.top) / 2}) rotate(-90)" text-anchor="middle">${esc(c.yLabel)}</text>`);
  if (c.ceiling) {
    out.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${py(c.ceiling.y)}" y2="${py(c.ceiling.y)}" stroke="#46a758" stroke-dasharray="6 4"/>`);
    out.push(`<text x="${W - PAD.right}" y="${py(c.ceiling.y) - 5}" text-anchor="end" fill="#46a758">${esc(c.ceiling.label)}: ${c.ceiling.y.toFixed(1)}</text>`);
  }
  c.series.forEach((s, i) => {
    const pts = s.y.map((y, j) => `${px(c.x[j]!)},${py(y)}`).join(' ');
    out.push(`<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    s.y.forEach((y, j) => out.push(`<circle cx="${px(c.x[j]!)}" cy="${py(y)}" r="3" fill="${s.color}"><title>${esc(s.label)}: ${y.toFixed(1)}</title></circle>`));
    out.push(`<rect x="${PAD.left + i * 220}" y="${H - 18}" width="12" height="3" fill="${s.color}"/>`, `<text x="${PAD.left + 16 + i * 220}" y="${H - 13}">${esc(s.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
