"""CSV downloads of the HR table and the compliance report: streamed, and safe to open in a spreadsheet
(every cell goes through academy.spreadsheets.csv_safe)."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from academy.spreadsheets import csv_safe

CHUNK = 2000


class _Echo:
    """A file-like object that hands back what is written, for csv.writer to stream through."""

    def write(self, value):
        return value


def stream_csv(*, filename, header, rows):
    """A streamed CSV download of `rows` (iterables of cells), with a UTF-8 BOM for spreadsheets."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([csv_safe(cell) for cell in header])
        for row in rows:
            yield writer.writerow([csv_safe(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(*, filename, title, header, rows):
    """The same rows as an Excel workbook. openpyxl's write-only mode keeps memory flat in the row count;
    cells are neutralised as in the CSV, since openpyxl writes a string that starts with = as a formula."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append([csv_safe(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _date(value, zone=None):
    """A date as YYYY-MM-DD, a moment as YYYY-MM-DD HH:MM in the site's time zone."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        local = value.astimezone(zone or timezone.get_current_timezone())
        return f"{local.year:04}-{local.month:02}-{local.day:02} {local.hour:02}:{local.minute:02}"
    return value.isoformat()


def _name(first, last, username):
    return f"{first} {last}".strip() or username


STATUS_HEADER = ["Name", "E-mail", "Team", "Course", "Status", "Progress %", "Last activity", "Assigned",
                 "Due", "Completed", "Certificate code", "Certificate expires"]


def status_rows(rows):
    """The HR table's rows (dicts from selectors.assignee_export_rows) as CSV cells."""
    from organizations.selectors import Status

    labels = dict(Status.choices)
    zone = timezone.get_current_timezone()
    for row in rows:
        yield [
            _name(row["membership__user__first_name"], row["membership__user__last_name"],
                  row["membership__user__username"]),
            row["membership__user__email"], row["membership__team__name"], row["course__title"],
            labels.get(row["status"], row["status"]), row["percent"],
            _date(row["enrollment__last_activity_at"], zone), _date(row["assigned_at"], zone), _date(row["due_on"]),
            _date(row["enrollment__completed_at"], zone), row["cert_code"], _date(row["cert_expires_at"], zone),
        ]


COMPLIANCE_HEADER = ["Name", "E-mail", "Team", "Course", "Compliance", "Assigned", "Due", "Completed",
                     "Certificate code", "Certificate issued", "Certificate expires", "Certificate revoked"]
COMPLIANCE_COLUMNS = (
    "membership__user__first_name", "membership__user__last_name", "membership__user__username",
    "membership__user__email", "membership__team__name", "course__title", "compliance", "assigned_at", "due_on",
    "enrollment__completed_at", "cert_code", "cert_issued_at", "cert_expires_at", "cert_revoked_at",
)


def compliance_rows(queryset):
    from organizations.selectors import ComplianceStatus

    labels = dict(ComplianceStatus.choices)
    zone = timezone.get_current_timezone()
    for (first, last, username, email, team, course, compliance, assigned_at, due_on, completed_at, code, issued_at,
         expires_at, revoked_at) in queryset.values_list(*COMPLIANCE_COLUMNS).iterator(chunk_size=CHUNK):
        yield [
            _name(first, last, username), email, team, course, labels.get(compliance, compliance),
            _date(assigned_at, zone), _date(due_on), _date(completed_at, zone), code, _date(issued_at, zone),
            _date(expires_at, zone), _date(revoked_at, zone),
        ]
