from django.urls import path
from django.utils.translation import gettext_lazy as _

from donations import views

app_name = "donations"

urlpatterns = [
    path(_("donate/"), views.DonateView.as_view(), name="donate"),
    path(_("become-a-sponsor/"), views.SponsorshipView.as_view(), name="sponsor"),
    path(_("give/"), views.GiftView.as_view(), name="give"),
    path(_("thank-you/<str:reference>/"), views.ThankYouView.as_view(), name="thank-you"),
]
