// Draws the charts whose data the server put in <script type="application/json"> blocks.
// Kept in a static file so the Content-Security-Policy can forbid every inline script.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("script.chart-data[type='application/json']").forEach(function (node) {
    var target = document.getElementById(node.dataset.target);
    if (!target || typeof Plotly === "undefined") return;
    var spec = JSON.parse(node.textContent);
    Plotly.newPlot(target, spec.data, spec.layout, {displaylogo: false, responsive: true, staticPlot: false});
    target.dataset.rendered = "1";
  });
});
