'use strict';
// The Plotly that cxdash's charts load: its core and the trace types cxdash
// draws, about a quarter of the full bundle. A chart of another type needs its
// trace added here and the bundle built again (see package.json).
var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/funnel'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/pie'),
    require('plotly.js/lib/scatterpolar'),
]);

module.exports = Plotly;
