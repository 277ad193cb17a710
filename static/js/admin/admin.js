/* The admin's own script: accessibility repairs to the markup that Django's admin,
   django-modeltranslation's tabs (jQuery UI) and select2 write, and the filter box
   of the countries widget. Served by the site (the CSP allows no inline script);
   the translated words come from data attributes of this script's tag. */
(function () {
  "use strict";

  var script = document.currentScript;
  var words = script ? script.dataset : {};

  /* Tabular inlines have no <label> per cell: name each field after its column
     header ("Value [nl]"), read before modeltranslation moves the cells into tabs. */
  function labelTabularFields() {
    document.querySelectorAll(".inline-group .tabular table").forEach(function (table) {
      table.querySelectorAll("td[class*='field-']").forEach(function (cell) {
        var name = Array.prototype.find.call(cell.classList, function (cls) {
          return cls.indexOf("field-") === 0;
        });
        var header = name && table.querySelector("th.column-" + name.slice(6));
        if (!header) {
          return;
        }
        cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
          if (!field.hasAttribute("aria-label") && !field.labels.length) {
            field.setAttribute("aria-label", header.textContent.trim());
          }
        });
      });
      table.querySelectorAll("td.delete input[type=checkbox]").forEach(function (box) {
        if (!box.hasAttribute("aria-label") && words.deleteLabel) {
          box.setAttribute("aria-label", words.deleteLabel);
        }
      });
    });
  }

  /* jQuery UI makes each <li> the tab and leaves a focusable link inside it, which
     screen readers announce twice (axe: nested-interactive). The <li> keeps the
     role, the keyboard handling and the click; the link loses its href. */
  function keepTabsLocal() {
    // Without href, jQuery UI would take a tab for a remote one and fetch it by
    // Ajax; these tabs only ever show a panel already on the page.
    var jq = window.jQuery || (window.django && window.django.jQuery);
    var tabs = jq && jq.ui && jq.ui.tabs;
    if (tabs && !tabs.prototype.panelsOnly) {
      var isLocal = tabs.prototype._isLocal;
      tabs.prototype.panelsOnly = true;
      tabs.prototype._isLocal = function (anchor) {
        return !anchor.hasAttribute("href") || isLocal.call(this, anchor);
      };
    }
  }

  function flattenTabs() {
    keepTabsLocal();
    document.querySelectorAll(".ui-tabs-nav li[role=tab] > a[href]").forEach(function (link) {
      link.dataset.href = link.getAttribute("href");
      link.removeAttribute("href");
    });
    var languageSwitch = document.getElementById("modeltranslation-main-switch");
    if (languageSwitch && words.switchLabel) {
      languageSwitch.setAttribute("aria-label", words.switchLabel);
    }
  }

  /* SelectFilter2 puts aria-label on a plain <span>, which has no role to carry it. */
  function nameFilterIcons() {
    document.querySelectorAll("span.search-label-icon[aria-label]").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  /* select2 names its combobox after the selection alone, which is empty until one
     is chosen: name it after the field's label as well. */
  function nameAutocompletes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = select.id && document.querySelector("label[for='" + select.id + "']");
      var box = select.nextElementSibling;
      if (!label || !box) {
        return;
      }
      label.id = label.id || select.id + "_label";
      var rendered = box.querySelector(".select2-selection__rendered");
      var combobox = box.querySelector(".select2-selection[role=combobox]");
      if (rendered) {
        rendered.setAttribute("aria-labelledby", label.id);
      }
      if (combobox) {
        combobox.setAttribute("aria-labelledby", label.id + (rendered ? " " + rendered.id : ""));
      }
    });
  }

  /* The countries widget: a list of checkboxes with a box that filters it by name.
     Ticked countries always stay in view. Without this script the list still works. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function initCountryPickers() {
    document.querySelectorAll(".country-picker").forEach(function (picker) {
      var filter = picker.querySelector(".country-picker-filter");
      var count = picker.querySelector(".country-picker-count");
      if (!filter || filter.dataset.ready) {
        return;
      }
      filter.dataset.ready = "true";
      filter.hidden = false;
      var options = Array.prototype.slice.call(picker.querySelectorAll("label"));
      options.forEach(function (option) {
        option.dataset.folded = fold(option.textContent);
      });
      function apply() {
        var wanted = fold(filter.value.trim());
        var shown = 0;
        options.forEach(function (option) {
          var box = option.querySelector("input");
          var visible = !wanted || box.checked || option.dataset.folded.indexOf(wanted) !== -1;
          option.parentElement.hidden = !visible;
          shown += visible ? 1 : 0;
        });
        if (count && words.shownTemplate) {
          count.textContent = words.shownTemplate.replace("%(count)s", shown);
        }
      }
      filter.addEventListener("input", apply);
      // Enter in the filter box must not submit the whole form.
      filter.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
        }
      });
    });
  }

  /* Dates and times in the admin follow the staff member's own time zone
     (ngo.middleware.AdminTimeZoneMiddleware reads this cookie). */
  function rememberTimeZone() {
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (error) {
      return;
    }
    var value = encodeURIComponent(zone || "");
    if (value && document.cookie.split("; ").indexOf("admin_time_zone=" + value) === -1) {
      document.cookie = "admin_time_zone=" + value + "; path=/admin/; max-age=31536000; SameSite=Lax" +
        (window.location.protocol === "https:" ? "; Secure" : "");
    }
  }

  /* Django's date-and-time field introduces its two boxes with plain text
     ("Date:", "Time:"), not labels: name each box after the field's label and
     that word, e.g. "Publish from – Date". */
  function nameSplitDateTimes() {
    document.querySelectorAll("p.datetime").forEach(function (row) {
      var boxes = row.querySelectorAll("input:not([type=hidden])");
      var label = boxes.length && document.querySelector("label[for='" + boxes[0].id + "']");
      var field = label ? label.textContent.replace(/:\s*$/, "").trim() : "";
      var words = [];
      row.childNodes.forEach(function (node) {
        if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) {
          words.push(node.textContent.replace(/:\s*$/, "").trim());
        }
      });
      boxes.forEach(function (box, index) {
        if (!box.hasAttribute("aria-label") && !box.labels.length) {
          var part = words[index] || "";
          box.setAttribute("aria-label", [field, part].filter(Boolean).join(" – "));
        }
      });
    });
  }

  /* The translation overview links to "#translation-nb": open that language's tabs
     through modeltranslation's own language switch, so every tab follows. */
  var hashLanguageOpened = false;

  function openLanguageFromHash() {
    var match = /^#translation-([a-z-]+)$/.exec(window.location.hash);
    var select = document.getElementById("modeltranslation-main-switch");
    // Once per address: after that the editor chooses the tabs.
    if (!match || !select || hashLanguageOpened) {
      return;
    }
    hashLanguageOpened = true;
    var option = Array.prototype.find.call(select.options, function (candidate) {
      return candidate.textContent.trim() === match[1];
    });
    if (option && select.value !== option.value) {
      select.value = option.value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function repair() {
    nameSplitDateTimes();
    flattenTabs();
    nameFilterIcons();
    nameAutocompletes();
    initCountryPickers();
    // The language switch appears on jQuery's ready, which may come after load.
    openLanguageFromHash();
  }

  // Deferred, this runs before jQuery's ready handlers (modeltranslation's tabs):
  // the cells are still in their columns.
  rememberTimeZone();
  labelTabularFields();
  repair();
  // The tabs, filter boxes and select2 boxes are built later, on jQuery's ready
  // (which jQuery 3 runs asynchronously) and on load: repair what they insert.
  new MutationObserver(repair).observe(document.body, { childList: true, subtree: true });
  window.addEventListener("load", repair);
  window.addEventListener("hashchange", function () {
    hashLanguageOpened = false;
    openLanguageFromHash();
  });
  document.addEventListener("formset:added", labelTabularFields);
})();
