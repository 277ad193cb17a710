"""Two-factor sign-in for staff (django-otp): an authenticator app (TOTP) and
single-use recovery codes.

Superusers and the groups in staff_groups.TWO_FACTOR_GROUPS (Fundraising: they can reveal
bank and national numbers) must enter a code before any admin page; other staff
may turn it on. A superuser resets a lost device by deleting it in the admin
(Django OTP → TOTP devices); the owner then sets up a new one at next sign-in.
"""

import base64

import segno
from django import forms
from django.contrib import admin
from django.contrib.auth.decorators import user_passes_test
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ngo.staff_groups import TWO_FACTOR_GROUPS

RECOVERY_CODE_COUNT = 10


def is_required(user):
    """Superusers, the groups in TWO_FACTOR_GROUPS, and anyone else who may see donors."""
    return (
        user.is_superuser
        or user.has_perm("donations.view_donor")
        or user.groups.filter(name__in=TWO_FACTOR_GROUPS).exists()
    )


def is_verified(user):
    # Set by django-otp's middleware, and by django_otp.login() on the second step.
    return getattr(user, "otp_device", None) is not None


def is_satisfied(request):
    """True when this session may use the admin as far as the second factor goes."""
    user = request.user
    if is_verified(user):
        return True
    return not is_required(user) and not user_has_device(user)


def next_url(request):
    target = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("admin:index")


def next_step(request):
    """Where a signed-in staff member without a verified second factor goes."""
    name = "admin:two-factor" if user_has_device(request.user) else "admin:two-factor-setup"
    return redirect(f"{reverse(name)}?next={next_url(request)}")


def active_staff(user):
    return user.is_authenticated and user.is_active and user.is_staff


# The password step is done; only then do these pages open.
staff_required = user_passes_test(active_staff, login_url="admin:login")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, check=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check
        self.device = None

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        self.device = self.check(code)
        if self.device is None:
            raise forms.ValidationError(
                _("This code is not right, or it has expired. Enter the code your app shows now."),
                code="invalid",
            )
        return code


def page(request, template, **context):
    # The admin's own header, title and theme, without its navigation.
    context = {**admin.site.each_context(request), "next": next_url(request), **context}
    return render(request, f"admin/two_factor/{template}", context)


@never_cache
@sensitive_post_parameters("code")
@staff_required
def verify(request):
    """The second step of signing in: a code from the app, or a recovery code."""
    if not user_has_device(request.user):
        return next_step(request)
    form = CodeForm(request.POST or None, check=lambda code: match_token(request.user, code))
    if form.is_valid():
        otp_login(request, form.device)
        return redirect(next_url(request))
    return page(request, "verify.html", form=form, title=_("Enter your sign-in code"))


@never_cache
@sensitive_post_parameters("code")
@staff_required
def setup(request):
    """Link an authenticator app: scan the code, then prove it with one code."""
    if user_has_device(request.user) and not is_verified(request.user):
        return next_step(request)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name=str(_("Authenticator app")), confirmed=False
        )

    def check(code):
        return device if device.verify_token(code) else None

    form = CodeForm(request.POST or None, check=check)
    if form.is_valid():
        TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return recovery_codes_page(request, new_recovery_codes(request.user))
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=4, border=4, title=str(_("Code to scan")), lineclass=None)
    return page(
        request,
        "setup.html",
        form=form,
        title=_("Set up two-factor sign-in"),
        required=is_required(request.user),
        qr=mark_safe(svg),  # noqa: S308 (segno writes it from our own data)
        secret=" ".join(_groups(device_secret(device))),
    )


@never_cache
@staff_required
def recovery_codes(request):
    """New recovery codes (the old ones stop working), for a verified session only."""
    if not is_verified(request.user):
        return next_step(request)
    if request.method == "POST":
        return recovery_codes_page(request, new_recovery_codes(request.user))
    return page(request, "recovery_codes.html", title=_("Recovery codes"), codes=None)


def recovery_codes_page(request, codes):
    return page(request, "recovery_codes.html", title=_("Recovery codes"), codes=codes)


def new_recovery_codes(user):
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="Recovery codes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def device_secret(device):
    """The key as the app's "enter a key" screen wants it (base32)."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def _groups(text, size=4):
    return [text[i : i + size] for i in range(0, len(text), size)]


def sign_in_log_name(username, ip_address, user_agent, path_info, request):
    """How django-axes names a failed sign-in in the log (AXES_CLIENT_STR_CALLABLE):
    the address and page, and the account only by a short keyed hash, since
    staff usernames are often email addresses. The full record is in the admin."""
    account = salted_hmac("axes.log", username or "", algorithm="sha256").hexdigest()[:10]
    return f"{{account: #{account}, ip_address: {ip_address}, path_info: {path_info}}}"
