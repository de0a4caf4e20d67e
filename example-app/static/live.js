/* global document, EventSource */
// The home page's status badges, kept up to date from /events/submissions (Server-Sent Events).
(function () {
  if (typeof EventSource === 'undefined') return;
  const source = new EventSource('/events/submissions');
  source.addEventListener('counts', (event) => {
    const counts = JSON.parse(event.data);
    for (const [status, count] of Object.entries(counts)) {
      const badge = document.querySelector(`.lead .status-${status}`);
      if (badge) badge.textContent = `${status.replace('_', ' ')}: ${count}`;
    }
    document.body.dataset.live = 'on';
  });
})();
