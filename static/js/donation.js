// Donation forms: when the donor ticks another currency, show that currency's
// amounts and (for sponsorships) its scheme's agreement at once. Without this
// script the form has a button that asks the server for the same page, keeping
// everything typed; the server refuses amounts shown in another currency either way.
(function () {
  "use strict";
  var data = document.getElementById("currency-data");
  var form = document.querySelector(".donation-form");
  if (!data || !form) return;
  var texts = JSON.parse(data.textContent);
  document.documentElement.classList.add("js");

  function setLabel(label, text) {
    // Keep the required-field asterisk that follows the text.
    if (!label) return;
    var node = label.firstChild;
    if (node && node.nodeType === Node.TEXT_NODE) node.nodeValue = text;
    else label.insertBefore(document.createTextNode(text), label.firstChild);
  }

  function setText(selector, text) {
    var element = form.querySelector(selector);
    if (element && text !== undefined) element.textContent = text;
  }

  function showAmounts(currency) {
    var current = texts[currency];
    var radios = form.querySelectorAll('input[name="amount"]');
    var template = radios[0].closest(".form-check");
    var container = template.parentNode;
    radios.forEach(function (radio) { radio.closest(".form-check").remove(); });
    current.amounts.forEach(function (pair, index) {
      var choice = template.cloneNode(true);
      var input = choice.querySelector("input");
      var label = choice.querySelector("label");
      input.value = pair[0];
      input.id = "id_amount_" + index;
      input.checked = pair[0] === current.middle;
      label.htmlFor = input.id;
      label.textContent = pair[1];
      container.appendChild(choice);
    });
    form.querySelector('input[name="amounts_currency"]').value = currency;
    form.querySelector('input[name="other_amount"]').value = "";
    setLabel(form.querySelector('label[for="id_other_amount"]'), current.other_label);
    if (current.scheme_title) {
      // Another scheme, another agreement: it must be ticked anew.
      var agreement = form.querySelector('input[name="mandate"]');
      if (agreement) agreement.checked = false;
      setText("#direct-debit > legend", current.scheme_title);
      setText("#mandate-text", current.mandate_text);
      setText("#id_account_helptext", current.account_help);
      setLabel(form.querySelector('label[for="id_account"]'), current.account_label);
      setLabel(form.querySelector('label[for="id_mandate"]'), current.agreement_label);
    }
    var status = document.getElementById("currency-status");
    if (status) status.textContent = current.switched;
  }

  form.querySelectorAll('input[name="currency"]').forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (radio.checked && texts[radio.value]) showAmounts(radio.value);
    });
  });

  // A form sent back with errors: the summary is read out first, and each of its
  // links puts the cursor in the field it names (a plain #link only scrolls there).
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
    summary.querySelectorAll("a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var field = document.getElementById(link.getAttribute("href").slice(1));
        if (!field) return;
        event.preventDefault();
        field.scrollIntoView({ block: "center" });
        field.focus();
      });
    });
  }
})();
