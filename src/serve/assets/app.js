// Drag-and-drop for the upload form. The form works without this script: it only lets a
// file dropped anywhere on the zone fill the file input and submit the form.
(function () {
  "use strict";
  var zone = document.getElementById("drop-zone");
  var input = document.getElementById("files");
  var form = document.getElementById("upload");
  if (!zone || !input || !form) { return; }
  function stop(event) { event.preventDefault(); event.stopPropagation(); }
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) { stop(event); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (event) { stop(event); zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (event) {
    if (event.dataTransfer && event.dataTransfer.files.length > 0) {
      input.files = event.dataTransfer.files;
      form.submit();
    }
  });
  zone.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") { stop(event); input.click(); }
  });
  input.addEventListener("change", function () {
    if (input.files.length > 0) { form.submit(); }
  });
})();
