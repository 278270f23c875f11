// A cxdash chart in the browser: the figure drawn by the Plotly bundle that
// cxdash's server serves (web/plotly.min.js), in the colours and type of the
// app's theme, the way Streamlit's own Plotly element draws it.
//
// Streamlit's element loads the whole of Plotly (4.7 MB), and evaluating it
// was most of what a first view waited for; the bundle holds only the trace
// types cxdash draws.

const drawn = new WeakMap(); // chart node -> what it shows (figure, config and theme)

function loadPlotly(url) {
  // One script for every chart on the page, however many mount at once.
  window.cxdashPlotly ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = () =>
      window.Plotly ? resolve(window.Plotly) : reject(new Error(`${url} defined no Plotly`));
    script.onerror = () => reject(new Error(`${url} did not load`));
    document.head.appendChild(script);
  }).catch((error) => {
    window.cxdashPlotly = undefined; // the next chart tries again
    throw error;
  });
  return window.cxdashPlotly;
}

function themeOf(node) {
  const style = getComputedStyle(node);
  const read = (name) => style.getPropertyValue(`--st-${name}`).trim();
  const list = (name) => read(name).split(",").map((colour) => colour.trim());
  return {
    text: read("text-color"),
    heading: read("heading-color") || read("text-color"),
    muted: read("gray-text-color"),
    grid: read("border-color-light"),
    line: read("border-color"),
    background: read("background-color"),
    panel: read("secondary-background-color"),
    font: read("font"),
    headingFont: read("heading-font") || read("font"),
    green: read("green-color"),
    red: read("red-color"),
    blue: read("blue-color"),
    categorical: list("chart-categorical-colors"),
    sequential: list("chart-sequential-colors"),
    diverging: list("chart-diverging-colors"),
  };
}

// Streamlit's Plotly template (the default for every figure Python makes)
// names its colours #000001 to #000040; they stand for the theme's.
function placeholderColour(number, theme) {
  if (number <= 10) return theme.categorical[number - 1];
  if (number <= 20) return theme.sequential[number - 11];
  if (number <= 30) return theme.diverging[number - 21];
  const named = {
    32: theme.green, // increasing
    33: theme.red, // decreasing
    34: theme.blue, // total
    35: theme.grid,
    36: theme.muted,
    37: theme.text,
    38: theme.background,
    39: theme.grid,
    40: theme.panel,
  };
  return named[number];
}

function inTheme(spec, theme) {
  return spec.replace(/#0000([0-3]\d|40)\b/g, (colour, digits) => {
    return placeholderColour(Number(digits), theme) || colour;
  });
}

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function merge(target, extra) {
  for (const [name, value] of Object.entries(extra)) {
    if (isObject(value) && isObject(target[name])) merge(target[name], value);
    else target[name] = value;
  }
  return target;
}

// The type sizes and spacing of Streamlit's chart theme, in pixels.
function themeLayout(theme) {
  const tick = { color: theme.muted, size: 12 };
  const axis = {
    gridcolor: theme.grid,
    zerolinecolor: theme.grid,
    tickcolor: theme.grid,
    linecolor: theme.grid,
    tickfont: tick,
    title: { font: { color: theme.muted, size: 14 } },
    minor: { gridcolor: theme.grid },
    automargin: true,
  };
  return {
    font: { color: theme.muted, family: theme.font, size: 12 },
    title: {
      font: { family: theme.headingFont, size: 16, color: theme.heading },
      pad: { l: 4 },
      xanchor: "left",
      x: 0,
    },
    legend: {
      title: { font: { size: 12, color: theme.muted }, side: "top" },
      valign: "top",
      borderwidth: 0,
      font: { size: 12, color: theme.text },
    },
    paper_bgcolor: theme.background,
    plot_bgcolor: theme.background,
    xaxis: { ...axis, showgrid: false, zeroline: false, title: { ...axis.title, standoff: 24 } },
    yaxis: { ...axis, ticklabelposition: "outside", title: { ...axis.title, standoff: 32 } },
    polar: {
      bgcolor: theme.background,
      angularaxis: { gridcolor: theme.grid, linecolor: theme.grid, tickfont: tick },
      radialaxis: { gridcolor: theme.grid, linecolor: theme.grid, tickfont: tick },
    },
    margin: { pad: 8, r: 0, l: 0 },
    hoverlabel: {
      bgcolor: theme.background,
      bordercolor: theme.line,
      font: { color: theme.text, family: theme.font, size: 12 },
    },
    coloraxis: {
      colorbar: {
        thickness: 16,
        outlinewidth: 0,
        len: 0.75,
        tickfont: tick,
        title: { font: { color: theme.muted, size: 14 } },
      },
    },
  };
}

function themed(spec, theme) {
  const figure = JSON.parse(inTheme(spec, theme));
  const layout = (figure.layout ??= {});
  const template = isObject(layout.template) ? layout.template : {};
  layout.template = template;
  // The theme wins over the template; the figure's own layout over both.
  template.layout = merge(isObject(template.layout) ? template.layout : {}, themeLayout(theme));
  if (isObject(layout.title) && typeof layout.title.text === "string") {
    layout.title = { ...layout.title, text: `<b>${layout.title.text}</b>` };
  }
  return figure;
}

function clicked(event) {
  // What a page filters on: the point's coordinates and labels, no Plotly internals.
  return (event.points || []).map((point) => ({
    x: point.x,
    y: point.y,
    label: point.label,
    customdata: point.customdata,
    curve_number: point.curveNumber,
    point_number: point.pointNumber,
  }));
}

function listen(node, Plotly) {
  // Once per node; each render leaves the latest trigger and choice on the node.
  if (node.cxdashListening) return;
  node.cxdashListening = true;
  node.on("plotly_click", (event) => {
    if (node.cxdashClickable) node.cxdashTrigger("click", clicked(event));
  });
  // The column, not only the window, decides the width: a sidebar folding away
  // or a layout change resizes the chart too.
  let width = node.clientWidth;
  node.cxdashResize = new ResizeObserver(() => {
    if (node.clientWidth !== width && node.isConnected) {
      width = node.clientWidth;
      Plotly.Plots.resize(node);
    }
  });
  node.cxdashResize.observe(node);
}

function forget(node) {
  node.cxdashResize?.disconnect();
  node.cxdashResize = undefined;
  node.cxdashListening = false;
  window.Plotly?.purge(node);
}

function failed(node, message, error) {
  console.error("cxdash chart:", error);
  forget(node);
  node.replaceChildren();
  const note = document.createElement("p");
  note.className = "cxdash-chart-failed";
  note.textContent = message; // text, never markup
  node.appendChild(note);
}

export default function ({ data, parentElement, setTriggerValue }) {
  const node = parentElement.querySelector(".cxdash-chart");
  node.cxdashTrigger = setTriggerValue;
  node.cxdashClickable = data.clickable;
  const theme = themeOf(node);
  const shown = [data.spec, JSON.stringify(data.config), JSON.stringify(theme)].join("\u0000");
  if (drawn.get(node) !== shown) {
    drawn.set(node, shown);
    // The chart's height is kept while Plotly loads, so that the page does not jump.
    node.style.minHeight = `${data.height}px`;
    loadPlotly(data.bundle)
      .then((Plotly) => {
        if (drawn.get(node) !== shown) return undefined; // a newer figure came meanwhile
        node.querySelector(".cxdash-chart-failed")?.remove();
        const figure = themed(data.spec, theme);
        return Plotly.react(node, figure.data, figure.layout, data.config).then(() =>
          listen(node, Plotly),
        );
      })
      .catch((error) => {
        drawn.delete(node);
        failed(node, data.failed, error);
      });
  }
  // Streamlit calls this when the chart leaves the page. A late call for a figure
  // that a newer one replaced on the same node leaves the newer one alone.
  return () => {
    if (drawn.get(node) === shown) {
      drawn.delete(node);
      forget(node);
    }
  };
}
