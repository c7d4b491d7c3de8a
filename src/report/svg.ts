// Vega-Lite → SVG on the server, so the report needs no script and no network to show charts.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Dark text on white, one font stack, quiet grid: readable on screen and on paper. */
const CONFIG = {
  background: 'white',
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  view: { stroke: '#d0d7de' },
  axis: { labelColor: '#24292f', titleColor: '#24292f', labelFontSize: 11, titleFontSize: 12, titleFontWeight: 600, gridColor: '#eaeef2', domainColor: '#8c959f', tickColor: '#8c959f' },
  legend: { labelColor: '#24292f', titleColor: '#24292f', labelFontSize: 12, titleFontSize: 12, titleFontWeight: 600 },
  header: { labelColor: '#24292f', titleColor: '#24292f', labelFontWeight: 600 },
};

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = compile({ ...spec, config: { ...CONFIG, ...spec.config } } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
