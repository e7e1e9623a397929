"""The demo office's people: the Commissioner and Deputy, eight senior posts (one holder
refused consent to their name being published, and one post sits just below the senior
salary threshold), the other posts of a 33-strong office, and its staff counts each
quarter from June 2024. Fictional, like everything in the demo."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

ADDRESS = "Office of the Police and Crime Commissioner, 1 Castle Street, Fernbridge FE1 1AA"
CONFIRMED = "2026-04-01"

# (job title, slug of the post it reports to, name, salary or None, responsibilities)
OFFICE_HOLDERS = (
    ("Police and Crime Commissioner", None, "Helen Marwood", "86700.00",
     "- Sets the police and crime plan and the force's budget and precept\n"
     "- Holds the Chief Constable to account for policing in Fernshire\n"
     "- Commissions services for victims and to reduce crime"),
    ("Deputy Police and Crime Commissioner", "police-and-crime-commissioner", "Tom Ashdown",
     "65000.00",
     "- Leads for the Commissioner on victims, and on violence against women and girls\n"
     "- Chairs the rural crime and the youth scrutiny panels"),
)
SENIOR = (
    ("Chief Executive and Monitoring Officer", "police-and-crime-commissioner",
     "Priya Castellano", "104000.00",
     "- Head of paid staff and the Commissioner's principal adviser\n"
     "- Monitoring officer: makes sure the office acts lawfully\n"
     "- Leads the office's work on standards, complaints and transparency"),
    ("Chief Finance Officer", "police-and-crime-commissioner", "Gareth Oyelaran", "89500.00",
     "- Responsible for the Commissioner's finances (section 151 officer)\n"
     "- Prepares the budget, precept proposal and medium-term financial plan\n"
     "- Leads on treasury management and the investment strategy"),
    ("Director of the Violence Reduction Unit", "chief-executive-and-monitoring-officer",
     "Rachel Obi", "72400.00",
     "- Leads the partnership that prevents serious violence in Fernshire\n"
     "- Manages the unit's grant from the Home Office"),
    ("Head of Commissioning and Partnerships", "chief-executive-and-monitoring-officer",
     "Martin Keasley", "68900.00",
     "- Commissions victims' services and crime reduction grants\n"
     "- Manages contracts with providers and their performance"),
    ("Head of Policy and Performance", "chief-executive-and-monitoring-officer",
     "Dana Whitcombe", "66200.00",
     "- Writes and monitors the police and crime plan\n"
     "- Runs the accountability board and the scrutiny programme"),
    ("Head of Communications and Engagement", "chief-executive-and-monitoring-officer",
     "Lewis Farrant", "61000.00",
     "- Runs the office's communications, website and public consultations"),
    ("Head of Business Services", "chief-executive-and-monitoring-officer",
     "Sian Prothero", "59100.00",
     "- Manages the office's staff, buildings, information governance and freedom of "
     "information requests"),
)
# The holder of this post refused consent to their name being published.
WITHHELD = "Head of Policy and Performance"
# Just below the £58,200 threshold: shown on the chart by job title only.
OTHERS = (
    ("Deputy Chief Finance Officer", "chief-finance-officer", "58000.00"),
    ("Complaints Resolution Manager", "chief-executive-and-monitoring-officer", "52300.00"),
    ("Executive Officer to the Commissioner", "chief-executive-and-monitoring-officer",
     "41200.00"),
    ("Finance Officer", "deputy-chief-finance-officer", "33800.00"),
    ("Commissioning Officer (victims' services)", "head-of-commissioning-and-partnerships",
     "38900.00"),
    ("Commissioning Officer (community safety)", "head-of-commissioning-and-partnerships",
     "38900.00"),
    ("Contracts and Grants Officer", "head-of-commissioning-and-partnerships", "34100.00"),
    ("Victims' Services Coordinator", "head-of-commissioning-and-partnerships", "31600.00"),
    ("Policy Officer (criminal justice)", "head-of-policy-and-performance", "37300.00"),
    ("Policy Officer (neighbourhood policing)", "head-of-policy-and-performance", "37300.00"),
    ("Performance Analyst", "head-of-policy-and-performance", "35200.00"),
    ("Standards, Scrutiny and Accountability Officer", "head-of-policy-and-performance",
     "36400.00"),
    ("Independent Custody Visiting Scheme Coordinator", "head-of-policy-and-performance",
     "30900.00"),
    ("Communications Officer", "head-of-communications-and-engagement", "33800.00"),
    ("Digital Content Officer", "head-of-communications-and-engagement", "31600.00"),
    ("Community Engagement Officer", "head-of-communications-and-engagement", "31600.00"),
    ("Information Governance Officer", "head-of-business-services", "34100.00"),
    ("Office Manager", "head-of-business-services", "32700.00"),
    ("Business Support Officer (finance)", "office-manager", "26400.00"),
    ("Business Support Officer (meetings)", "office-manager", "26400.00"),
    ("Complaints Review Officer", "complaints-resolution-manager", "35200.00"),
    ("Complaint Resolution Officer (north)", "complaints-resolution-manager", "31600.00"),
    ("Complaint Resolution Officer (south)", "complaints-resolution-manager", "31600.00"),
    ("Violence Reduction Unit Programme Manager", "director-of-the-violence-reduction-unit",
     "44700.00"),
    ("Violence Reduction Unit Data Analyst", "violence-reduction-unit-programme-manager",
     "35200.00"),
    ("Violence Reduction Unit Project Officer", "violence-reduction-unit-programme-manager",
     "31600.00"),
)

# Staff counts each quarter: (day, people, full-time equivalent, women, sex not known,
# ethnic minority, ethnicity not known, disabled, disability not known), in people.
COUNTS = (
    (date(2024, 6, 30), 29, "26.40", 18, 0, 2, 2, 1, 4),
    (date(2024, 9, 30), 29, "26.80", 18, 0, 2, 2, 2, 4),
    (date(2024, 12, 31), 30, "27.60", 19, 0, 2, 2, 2, 4),
    (date(2025, 3, 31), 31, "28.20", 19, 1, 3, 2, 2, 4),
    (date(2025, 6, 30), 32, "29.10", 20, 1, 3, 2, 2, 4),
    (date(2025, 9, 30), 32, "29.40", 20, 1, 3, 2, 2, 3),
    (date(2025, 12, 31), 33, "30.20", 21, 0, 3, 2, 2, 3),
    (date(2026, 3, 31), 33, "30.60", 21, 0, 3, 2, 2, 4),
    (date(2026, 6, 30), 33, "30.80", 21, 0, 3, 2, 2, 4),
    (date(2026, 9, 30), 33, "30.80", 21, 0, 3, 2, 2, 4),
)


def _post(title: str, reports_to: str | None, salary: str, **fields: Any) -> dict[str, Any]:
    return {"type": "post", "title": title, "date": CONFIRMED, "reports_to": reports_to,
            "salary": salary, "office_holder": False, "holder_name": None,
            "name_withheld": False, "correspondence_address": None,
            "responsibilities": None} | fields


def demo_posts() -> list[dict[str, Any]]:
    posts = [_post(title, above, salary, office_holder=True, holder_name=name,
                   correspondence_address=ADDRESS, responsibilities=duties)
             for title, above, name, salary, duties in OFFICE_HOLDERS]
    posts += [_post(title, above, salary, holder_name=name, responsibilities=duties,
                    name_withheld=title == WITHHELD)
              for title, above, name, salary, duties in SENIOR]
    posts += [_post(title, above, salary) for title, above, salary in OTHERS]
    return posts


def _percent(part: int, whole: int) -> str:
    return str((Decimal(100 * part) / whole).quantize(Decimal("0.1"), ROUND_HALF_UP))


def demo_staff_counts() -> list[dict[str, Any]]:
    counts = []
    for (day, people, fte, women, sex_unknown, minority, ethnicity_unknown, disabled,
         disability_unknown) in COUNTS:
        counts.append({
            "type": "workforce", "as_at": day.isoformat(), "headcount": people,
            "full_time_equivalent": fte, "women_percent": _percent(women, people),
            "sex_not_known_percent": _percent(sex_unknown, people),
            "ethnic_minority_percent": _percent(minority, people),
            "ethnicity_not_known_percent": _percent(ethnicity_unknown, people),
            "disabled_percent": _percent(disabled, people),
            "disability_not_known_percent": _percent(disability_unknown, people),
            "notes": "Counted from the payroll on the day. The Deputy Commissioner is not "
                     "an employee and is not counted.",
        })
    return counts


def demo_people() -> list[dict[str, Any]]:
    return demo_posts() + demo_staff_counts()
