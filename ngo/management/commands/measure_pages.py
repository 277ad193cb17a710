import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from advocacy.models import Agenda, Demand
from programmes.models import Programme, Project


class Command(BaseCommand):
    help = "Time the public pages on the current database and count their SQL queries."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=50)

    def handle(self, *args, runs, **options):
        programme = Programme.objects.published().first()
        project = Project.objects.published().first()
        paths = ["/en/", "/en/programmes/", "/en/projects/", "/nl/projecten/?country=BE"]
        if programme and project:
            paths += [programme.get_absolute_url(), project.get_absolute_url()]
        paths += ["/en/advocacy/", "/en/advocacy/milestones/", "/en/advocacy/publications/"]
        agenda = Agenda.objects.published().order_by("order").first()
        demand = Demand.objects.published().first()
        if agenda and demand:
            paths += [agenda.get_absolute_url(), demand.get_absolute_url()]
        paths += ["/en/donate/", "/en/become-a-sponsor/", "/nb/bli-fadder/", "/nl/geef/"]
        client = Client(HTTP_HOST="localhost")
        self.stdout.write(f"{'page':45} {'queries':>7} {'median ms':>10} {'p95 ms':>8}")
        for path in paths:
            client.get(path)  # warm up templates and connections
            timings = []
            for _ in range(runs):
                start = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(path)
                timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
            p95 = statistics.quantiles(timings, n=20)[-1]
            self.stdout.write(
                f"{path:45} {len(queries):>7} {statistics.median(timings):>10.1f} {p95:>8.1f}"
            )
