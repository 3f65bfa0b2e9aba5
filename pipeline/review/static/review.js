// newsfacts review page: keyboard shortcuts. No inline scripts (the CSP forbids them).
(function () {
  "use strict";
  var cards = [];
  var current = -1;

  function nextPage() {
    var link = document.querySelector("a[rel=next]");
    return link ? link.getAttribute("href") : null;
  }

  function select(i) {
    if (!cards.length) return;
    if (i >= cards.length && nextPage()) { location.href = nextPage(); return; }   // past the last card
    i = Math.max(0, Math.min(cards.length - 1, i));
    if (current >= 0 && cards[current]) cards[current].classList.remove("current");
    current = i;
    cards[i].classList.add("current");
    cards[i].scrollIntoView({block: "nearest"});
  }

  function formOf(card) { return card.querySelector("form.verdict-form"); }

  function submit(card, verdict) {
    var form = formOf(card);
    if (!form) return;
    var who = document.getElementById("reviewer");
    if (who) {
      form.elements.reviewer.value = who.value;
      try { localStorage.setItem("nf-reviewer", who.value); } catch (err) { /* private mode */ }
    }
    var idx = cards.indexOf(card);
    var next = cards[idx + 1];
    form.elements.next.value = next ? next.dataset.fact : card.dataset.fact;
    if (!next && nextPage()) {      // the last card of a page: go on with the next page
      form.elements.back.value = nextPage();
      form.elements.next.value = "";
    }
    var button = form.querySelector("button[value='" + verdict + "']");
    if (form.requestSubmit) form.requestSubmit(button); else button.click();
  }

  // verdicts given since this tab opened the page (each verdict reloads it: kept per tab)
  function count(add) {
    var n = 0;
    try {
      n = parseInt(sessionStorage.getItem("nf-count") || "0", 10) + add;
      sessionStorage.setItem("nf-count", String(n));
    } catch (err) { /* private mode */ }
    var el = document.getElementById("session-count");
    if (el) el.textContent = n ? n + " verdict" + (n === 1 ? "" : "s") + " this session" : "";
  }

  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT");
  }

  document.addEventListener("DOMContentLoaded", function () {
    cards = Array.prototype.slice.call(document.querySelectorAll("article.fact"));
    var who = document.getElementById("reviewer");
    if (who && !who.value) {
      try { who.value = localStorage.getItem("nf-reviewer") || ""; } catch (err) { /* ignore */ }
    }
    var start = 0;
    if (location.hash.indexOf("#f-") === 0) {
      var target = document.getElementById(location.hash.slice(1));
      if (target && cards.indexOf(target) >= 0) start = cards.indexOf(target);
    }
    if (cards.length) select(start);
    count(0);
    // the article view: a figure marked in the text opens its card (fields, rule, checks, verdict)
    Array.prototype.forEach.call(document.querySelectorAll("mark[data-fact]"), function (mark) {
      function open(ev) {
        ev.stopPropagation();
        var card = document.getElementById("f-" + mark.dataset.fact);
        if (!card) return;
        history.replaceState(null, "", "#f-" + mark.dataset.fact);
        select(cards.indexOf(card));
        card.focus({preventScroll: true});
      }
      mark.addEventListener("click", open);
      mark.addEventListener("keydown", function (ev) { if (ev.key === "Enter") open(ev); });
    });
    cards.forEach(function (card, i) {
      card.addEventListener("click", function () { if (current !== i) select(i); });
      var form = formOf(card);
      if (!form) return;
      form.addEventListener("submit", function () {
        count(1);
        if (who) form.elements.reviewer.value = who.value;
        if (!form.elements.next.value) form.elements.next.value = card.dataset.fact;
      });
      form.elements.corrected_value.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter") { ev.preventDefault(); if (this.value.trim()) submit(card, "corrected"); }
      });
      form.elements.note.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter") {
          ev.preventDefault();
          submit(card, form.elements.corrected_value.value.trim() ? "corrected" : "correct");
        }
      });
    });
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (typing(ev.target)) {
      if (ev.key === "Escape") ev.target.blur();
      return;
    }
    if (current < 0 || !cards.length) return;
    var card = cards[current];
    switch (ev.key) {
      case "j": case "s": select(current + 1); break;      // s: skip, no verdict
      case "k": select(current - 1); break;
      case "u": var undo = document.getElementById("undo"); if (undo) undo.click(); break;
      case "c": submit(card, "correct"); break;
      case "w": submit(card, "wrong"); break;
      case "e": ev.preventDefault(); formOf(card).elements.corrected_value.focus(); break;
      case "n": ev.preventDefault(); formOf(card).elements.note.focus(); break;
      default: return;
    }
  });
})();
