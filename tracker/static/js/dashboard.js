// The running totals chart: reads the JSON data block that the page renders beside its table
// fallback, and the block of its words in the page's language (no inline script: the
// Content-Security-Policy forbids it).
(function () {
  "use strict";
  var block = document.getElementById("running-data");
  var words = document.getElementById("running-labels");
  var canvas = document.getElementById("running-chart");
  if (!block || !words || !canvas || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(block.textContent);
  var labels = JSON.parse(words.textContent);
  var officialsColour = "#0d6efd";
  var eventsColour = "#198754";

  function line(label, values, axis, colour, dashed) {
    return {
      label: label,
      data: values,
      yAxisID: axis,
      borderColor: colour,
      backgroundColor: colour,
      borderDash: dashed ? [6, 4] : [],
      borderWidth: dashed ? 1.5 : 2,
      pointRadius: 0,
      stepped: !dashed
    };
  }

  function flat(value) {
    return data.months.map(function () { return value; });
  }

  var datasets = [
    line(labels.officials_trained, data.officials_trained, "officials", officialsColour, false),
    line(labels.events_held, data.events_held, "events", eventsColour, false)
  ];
  if (data.target_officials_trained) {
    datasets.push(line(labels.target_officials_trained, flat(data.target_officials_trained),
                       "officials", officialsColour, true));
  }
  if (data.target_events_held) {
    datasets.push(line(labels.target_events_held, flat(data.target_events_held),
                       "events", eventsColour, true));
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
      scales: {
        officials: {
          type: "linear", position: "left", beginAtZero: true,
          ticks: { precision: 0 },  // counts of people: no 1.5 on the axis
          title: { display: true, text: labels.officials_trained }
        },
        events: {
          type: "linear", position: "right", beginAtZero: true,
          ticks: { precision: 0 },
          grid: { drawOnChartArea: false },
          title: { display: true, text: labels.events_held }
        }
      }
    }
  });
}());
