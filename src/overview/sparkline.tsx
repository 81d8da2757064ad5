/** Views per minute as a line: no axes, no labels, just the shape of the last 30 minutes. */
export function Sparkline({ values, label }: { values: readonly number[]; label: string }) {
  if (values.length < 2) return <div className="pb-tile-spark" />;
  const max = Math.max(1, ...values);
  const points = values.map((v, i) => `${i},${(1 - v / max) * 100}`).join(' ');
  return (
    <svg className="pb-tile-spark" role="img" aria-label={label} viewBox={`0 -4 ${values.length - 1} 108`} preserveAspectRatio="none">
      <polygon points={`0,104 ${points} ${values.length - 1},104`} className="pb-tile-spark-area" />
      <polyline points={points} className="pb-tile-spark-line" />
    </svg>
  );
}
