// The host application's own code on the fault pages: one button whose handler counts clicks,
// so a test can tell the page stayed usable whatever happened to the widget.
window.__hostClicks = 0;
document.addEventListener('DOMContentLoaded', () => {
  const button = document.getElementById('host-button');
  const count = document.getElementById('host-count');
  button.addEventListener('click', () => {
    window.__hostClicks += 1;
    count.textContent = String(window.__hostClicks);
  });
});
