// Timestamps are links to `#t=SECONDS` (Media Fragments). A click seeks
// the player and plays; a page opened at `#t=` starts there. Setting
// currentTime before the audio has loaded sets where it will start.
(function () {
  var player = document.querySelector("audio.player");
  if (!player) return;
  function seconds(hash) {
    var match = /^#t=(?:npt:)?(\d+(?:\.\d+)?)(?:,|$)/.exec(hash || "");
    return match ? parseFloat(match[1]) : null;
  }
  function seek(hash, play) {
    var at = seconds(hash);
    if (at === null) return false;
    player.currentTime = at;
    if (play) {
      var playing = player.play();
      if (playing && playing.catch) playing.catch(function () {});
    }
    return true;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest('a[href^="#t="]') : null;
    if (!link || !seek(link.getAttribute("href"), true)) return;
    event.preventDefault();
    history.replaceState(null, "", link.getAttribute("href"));
  });
  window.addEventListener("hashchange", function () {
    seek(location.hash, true);
  });
  seek(location.hash, false);
})();
