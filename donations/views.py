import logging
import uuid
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
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
from django_ratelimit.core import get_usage

from donations import banking, legal, services
from donations.forms import GiftForm, SponsorshipForm, default_currency
from donations.models import Gift, Sponsorship
from donations.money import currency_name
from donations.places import Place
from ngo.views import BreadcrumbMixin

SESSION_KEY = "donations"
logger = logging.getLogger(__name__)


def usage(request, group, rate, increment):
    """This address's count against a limit (django-ratelimit: IPv6 counted per /64).
    Without the configured address header, say so in the log and count it as over.
    When the cache can not count, a donor must not lose their gift: let it through."""
    try:
        return get_usage(
            request, group=group, key="ip", rate=rate, method="POST", increment=increment
        )
    except ImproperlyConfigured:
        logger.error(
            "No visitor address in %s: set DJANGO_CLIENT_IP_HEADER to the header your proxy "
            "sets. Donation forms answer 'try again later' until then.",
            settings.CLIENT_IP_HEADER,
        )
        return {"count": 1, "limit": 0, "should_limit": True}
    except Exception as error:  # noqa: BLE001 (any cache failure: Redis refused, reset, …)
        logger.warning("Donation limits not counted, the cache failed: %s", type(error).__name__)
        return None


def too_many_posts(request):
    """Every post counts, generously: bots post many forms, donors a few."""
    result = usage(request, "donations:posts", settings.DONATION_SUBMISSION_RATE, increment=True)
    return result is not None and result["should_limit"]


def too_many_donations(request):
    """Donations stored from this address, more strictly; counted only once stored."""
    result = usage(request, "donations:stored", settings.DONATION_STORED_RATE, increment=False)
    return result is not None and result["count"] >= result["limit"]


def count_donation(request):
    usage(request, "donations:stored", settings.DONATION_STORED_RATE, increment=True)


@method_decorator([sensitive_post_parameters(), never_cache], name="dispatch")
class DonationFormView(BreadcrumbMixin, FormView):
    """A donation form: the page, the currency switch, the checks against bots, and
    Post/Redirect/Get."""

    model = None
    section = "donate"
    title = ""

    def try_again_later(self):
        context = {"form_url": self.request.get_full_path(), "view": self}
        return render(self.request, "donations/try_again_later.html", context, status=429)

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
        if request.POST.get("website") or too_many_posts(request):
            return self.try_again_later()
        form = self.get_form()
        if form.currency_switch_requested():
            return self.switch_currency(form)
        if not form.is_valid():
            return self.form_invalid(form)
        return self.form_valid(form)

    def switch_currency(self, form):
        """The same form, everything typed kept, with the amounts of the chosen currency.
        Nothing is stored: the donor has not seen these amounts yet."""
        switched = self.get_form_class()(initial=form.switched_initial())
        notice = None
        if "change_currency" not in form.data:
            notice = _(
                "The amounts are now shown in %(currency)s. Please check your amount and "
                "send the form again; nothing has been sent yet."
            ) % {"currency": currency_name(switched.shown)}
        return self.render_to_response(self.get_context_data(form=switched, notice=notice))

    def form_valid(self, form):
        token = form.cleaned_data["token"]
        donation = self.model.objects.filter(submission_token=token).first()
        if donation is None:
            if too_many_donations(self.request):
                return self.try_again_later()
            try:
                donation = self.record(form)
            except IntegrityError:
                # The same form arrived twice at once; the other request stored it.
                donation = self.model.objects.filter(submission_token=token).first()
                if donation is None:
                    raise
            else:
                count_donation(self.request)
                return self.thank_you(donation)
        if donation.submission_digest != form.submission_digest():
            return self.already_received(form, donation)
        return self.thank_you(donation)

    def already_received(self, form, donation):
        """This form was stored before, with other details: nothing is changed or
        added. The donor sees their details with a new token, so that sending
        them again is a second, deliberate donation."""
        data = form.data.copy()
        data["token"] = str(uuid.uuid4())
        again = self.get_form_class()(data=data)
        seen = donation.reference in self.request.session.get(SESSION_KEY, [])
        context = self.get_context_data(
            form=again,
            already_received=True,
            received_url=reverse("donations:thank-you", kwargs={"reference": donation.reference})
            if seen
            else None,
        )
        context["error_summary"] = []
        return self.render_to_response(context)

    def record(self, form):
        raise NotImplementedError

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
        context.update(
            title=self.title,
            error_summary=form.error_summary() if form.is_bound else [],
            currency_data=form.currency_data(),
        )
        return context

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (self.title, None)]


class SponsorshipView(DonationFormView):
    form_class = SponsorshipForm
    model = Sponsorship
    template_name = "donations/sponsorship_form.html"
    title = _("Become a sponsor")

    def get_initial(self):
        initial = super().get_initial()
        project = self.request.GET.get("project", "")
        place = Place.parse(f"project-{project}")
        initial["place"] = (place or Place()).key
        initial["collection_day"] = settings.DONATION_COLLECTION_DAYS[0]
        return initial

    def record(self, form):
        data = form.cleaned_data
        return services.sponsorship_create(
            donor=form.donor_details(),
            amount=data["amount_value"],
            currency=data["currency"],
            place=data["place"],
            account=data["account"],
            account_holder=data["account_holder"],
            collection_day=data["collection_day"],
            token=data["token"],
            digest=form.submission_digest(),
        )


class GiftView(DonationFormView):
    form_class = GiftForm
    model = Gift
    template_name = "donations/gift_form.html"
    title = _("Give once")

    def get_initial(self):
        initial = super().get_initial()
        programme = self.request.GET.get("programme", "")
        if programme.isascii() and programme.isdigit():
            initial["programme"] = int(programme)
        # The form checks the appeal and ignores one that is unknown or over.
        initial["appeal"] = self.request.GET.get("appeal", "")
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["gift_appeal"] = context["form"].appeal
        return context

    def record(self, form):
        data = form.cleaned_data
        return services.gift_create(
            donor=form.donor_details(),
            amount=data["amount_value"],
            currency=data["currency"],
            programme=data["programme"],
            token=data["token"],
            digest=form.submission_digest(),
        )


class DonateView(BreadcrumbMixin, TemplateView):
    """The way in from the header: a monthly sponsorship first, a one-off gift second."""

    section = "donate"
    template_name = "donations/donate.html"

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (_("Donate"), None)]


@method_decorator(never_cache, name="dispatch")
class ThankYouView(BreadcrumbMixin, TemplateView):
    """Shows a donation only to the browser that made it: the address alone is not enough."""

    section = "donate"
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
        context = {"donation": donation}
        if isinstance(donation, Sponsorship):
            context.update(
                is_sponsorship=True, mandate_summary=legal.mandate_summary(donation.mandate)
            )
        else:
            qr = services.gift_qr_code(donation)
            context.update(
                account=settings.DONATION_ACCOUNTS.get(donation.currency, ""),
                reference_label=legal.payment_reference_label(donation.currency),
                qr_svg=banking.qr_svg(qr, _("QR code for your banking app")) if qr else "",
            )
        return super().get_context_data(**context, **kwargs)

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (_("Thank you"), None)]
