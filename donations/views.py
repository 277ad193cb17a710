import uuid
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView

from donations import services
from donations.forms import GiftForm, SponsorshipForm, default_currency
from donations.models import Gift, Sponsorship
from ngo.views import BreadcrumbMixin

SESSION_KEY = "donations"


def rate_limited(request):
    """Count this submission against the visitor's address; True once over the limit."""
    count, seconds = (int(part) for part in settings.DONATION_RATE_LIMIT.split("/"))
    key = f"donation-posts:{request.META.get(settings.CLIENT_IP_HEADER, '')}"
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key) > count
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=seconds)
        return False


def try_again_later(request):
    return render(request, "donations/try_again_later.html", status=429)


@method_decorator([sensitive_post_parameters(), never_cache], name="dispatch")
class DonationFormView(BreadcrumbMixin, FormView):
    """A donation form: the page, the checks against bots, and Post/Redirect/Get."""

    model = None
    record = None  # the service that stores a valid form
    title = ""

    def get_initial(self):
        query = self.request.GET
        currency = query.get("currency", "").upper()
        if currency not in settings.DONATION_CURRENCIES:
            currency = default_currency(get_language())
        initial = {
            "currency": currency,
            "language": get_language(),
            "country": settings.LANGUAGE_COUNTRIES.get(get_language(), ""),
            "token": uuid.uuid4(),
            "amount": None,
        }
        try:
            amount = Decimal(query.get("amount", ""))
        except InvalidOperation:
            amount = None
        if amount is not None and amount.is_finite() and amount > 0:
            initial.update(amount="other", other_amount=amount)
        return initial

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        # A preset that matches the asked-for amount is ticked rather than typed.
        amount = form.initial.get("other_amount")
        if not form.is_bound and amount is not None:
            for value, _label in form.fields["amount"].choices:
                if value != "other" and Decimal(value) == amount:
                    form.initial.update(amount=value, other_amount=None)
        return form

    def post(self, request, *args, **kwargs):
        if rate_limited(request) or request.POST.get("website"):
            return try_again_later(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        token = form.cleaned_data["token"]
        donation = self.model.objects.filter(submission_token=token).first()
        if donation is None:
            try:
                donation = self.record(form)
            except IntegrityError:
                # The same form arrived twice at once; the other request stored it.
                donation = self.model.objects.filter(submission_token=token).first()
                if donation is None:
                    raise
        return self.thank_you(donation)

    def thank_you(self, donation):
        seen = self.request.session.get(SESSION_KEY, [])
        if donation.reference not in seen:
            self.request.session[SESSION_KEY] = [*seen, donation.reference][-20:]
        return HttpResponseRedirect(
            reverse("donations:thank-you", kwargs={"reference": donation.reference})
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        currency = form.selected_currency()
        context.update(
            title=self.title,
            error_summary=form.error_summary() if form.is_bound else [],
            currency=currency,
            currency_links=[
                (code, f"?currency={code}") for code, _label in form.fields["currency"].choices
            ],
        )
        return context

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (self.title, None)]


class SponsorshipView(DonationFormView):
    form_class = SponsorshipForm
    model = Sponsorship
    record = staticmethod(services.record_sponsorship)
    template_name = "donations/sponsorship_form.html"
    title = _("Become a sponsor")

    def get_initial(self):
        initial = super().get_initial()
        project = self.request.GET.get("project", "")
        initial["place"] = f"project-{project}" if project.isdigit() else "need"
        initial["collection_day"] = settings.DONATION_COLLECTION_DAYS[0]
        return initial


class GiftView(DonationFormView):
    form_class = GiftForm
    model = Gift
    record = staticmethod(services.record_gift)
    template_name = "donations/gift_form.html"
    title = _("Give once")

    def get_initial(self):
        initial = super().get_initial()
        programme = self.request.GET.get("programme", "")
        if programme.isdigit():
            initial["programme"] = int(programme)
        return initial


@method_decorator(never_cache, name="dispatch")
class ThankYouView(BreadcrumbMixin, TemplateView):
    """Shows a donation only to the browser that made it: the address alone is not enough."""

    template_name = "donations/thank_you.html"

    def get_context_data(self, **kwargs):
        reference = self.kwargs["reference"]
        if reference not in self.request.session.get(SESSION_KEY, []):
            raise Http404
        related = ("donor", "mandate", "project")
        donation = (
            Sponsorship.objects.select_related(*related).filter(reference=reference).first()
            or Gift.objects.select_related("donor", "programme").filter(reference=reference).first()
        )
        if donation is None:
            raise Http404
        return super().get_context_data(
            donation=donation,
            is_sponsorship=isinstance(donation, Sponsorship),
            amount=services.money(donation.amount, donation.currency),
            account=settings.DONATION_ACCOUNTS.get(donation.currency, ""),
            **kwargs,
        )

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (_("Thank you"), None)]
