// The running totals: two small charts, officials trained and events held, each on its own
// scale with its target as a labelled line. Reads the JSON data block that the page renders
// beside its table fallback, and the block of its words in the page's language (no inline
// script: the Content-Security-Policy forbids it).
(function () {
  "use strict";
  var block = document.getElementById("running-data");
  var words = document.getElementById("running-labels");
  if (!block || !words || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(block.textContent);
  var labels = JSON.parse(words.textContent);

  function line(label, values, colour, dashed) {
    return {
      label: label,
      data: values,
      borderColor: colour,
      backgroundColor: colour,
      borderDash: dashed ? [6, 4] : [],
      borderWidth: dashed ? 1.5 : 2,
      pointRadius: 0,
      stepped: !dashed
    };
  }

  function draw(canvasId, key, colour) {
    var canvas = document.getElementById(canvasId);
    if (!canvas) {
      return;
    }
    var target = data["target_" + key];
    var datasets = [line(labels[key], data[key], colour, false)];
    if (target) {
      datasets.push(line(labels["target_" + key], data.months.map(function () { return target; }),
                         colour, true));
    }
    new window.Chart(canvas, {
      type: "line",
      data: { labels: data.months, datasets: datasets },
      options: {
        locale: document.documentElement.lang || "en",  // 1,234 or 1 234 in the tooltips
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        plugins: { legend: { position: "bottom" } },
        scales: {
          y: {
            beginAtZero: true,
            // Room above the target, so its line never sits on the chart's top edge.
            suggestedMax: target ? Math.ceil(target * 1.1) : undefined,
            ticks: { precision: 0 },  // counts: no 1.5 on the axis
            title: { display: true, text: labels[key] }
          }
        }
      }
    });
  }

  draw("running-chart", "officials_trained", "#0d6efd");
  draw("running-events-chart", "events_held", "#198754");
}());
