"""Fictional demo records for the transparency portal.

Everything here is invented: the Fernshire police force area, its towns, Fernshire Police,
the suppliers, the staff and every figure. No real person is named; people appear only by
job title, except the invented holders of the office's posts (`content.demo_people`), who
are also the Commissioners named in the registers. The records follow the portal's JSON
Lines import format (one plain dict per line) and depend only on the seed, so the same
seed always gives the same records.
"""

import random
import re
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from content.demo_meetings import demo_meetings
from content.demo_people import demo_people
from content.demo_registers import demo_registers
from content.demo_spending import spending_lines

CUTOFF = date(2026, 11, 22)  # no event is dated after this day
FIRST_DAY = date(2023, 4, 1)
LAST_EVENT_DAY = date(2026, 10, 31)
FINANCIAL_YEARS = (2023, 2024, 2025)  # 1 April 2023 to 31 March 2026
EXPENSES_PER_YEAR = (548, 551, 553)
PENCE = Decimal("0.01")
MILEAGE_RATE = Decimal("0.45")
PROCUREMENT_ACT_START = date(2025, 2, 24)

PCC = "Police and Crime Commissioner"
DPCC = "Deputy Police and Crime Commissioner"
CHIEF_EXECUTIVE = "Chief Executive"
CFO = "Chief Finance Officer"
STATUSES = ("open", "in progress", "complete")

TOWNS = ("Ashbridge", "Kelham Cross", "Stowmere", "Marden Vale", "Harlow Green")
VILLAGES = ("Thornby Edge", "Wexley Fold", "Carrow Bridge", "Fennick St Mary", "Oakhurst Down",
            "Little Pellow")
PRIORITIES = {  # police and crime plan priorities each category of decision supports
    "Commissioning": ("supporting victims and witnesses",
                      "tackling violence against women and girls"),
    "Grants": ("safer neighbourhoods",), "Community": ("safer neighbourhoods",),
    "Partnerships": ("safer neighbourhoods", "preventing serious violence"),
    "Violence reduction": ("preventing serious violence",),
    "Rural crime": ("protecting rural communities",),
    "Violence against women and girls": ("tackling violence against women and girls",)}
DEFAULT_PRIORITY = ("an efficient and effective police service",)
VICTIM_SERVICES = (
    "independent domestic violence advisers (IDVA) service",
    "independent sexual violence advisers (ISVA) service", "restorative justice service",
    "victims' assessment and referral service", "children and young people's counselling service",
    "stalking advocacy service", "domestic abuse perpetrator programme",
    "modern slavery and exploitation support service", "hate crime victim support service")
PROVIDERS = ("Quillmarsh Victim Care CIC", "Brackenmoor Advocacy Trust",
             "Fernshire Safe Homes Partnership", "Larkspur Restorative Practice CIC",
             "Elmcroft Counselling Ltd", "Stowmere Support Network")
CONTRACTORS = ("Coldwater Building Contractors Ltd", "Merrow & Finch Construction Ltd",
               "Pellbrook Mechanical and Electrical Ltd", "Ashvale Property Services Ltd")
FLEET_SUPPLIERS = ("Tanwood Fleet Solutions Ltd", "Harbury Motor Group Ltd",
                   "Kestrel Vehicle Conversions Ltd")
TECH_SUPPLIERS = ("Greyfen Systems Ltd", "Brightwater Software Ltd", "Pellbrook Digital Ltd")
TECH = ("a digital evidence management system", "body-worn video cameras",
        "mobile data devices for frontline officers", "a new command and control system",
        "an upgrade to the records management system",
        "automatic number plate recognition cameras")
INTERVENTIONS = ("hospital-based youth workers", "knife crime education in secondary schools",
                 "detached youth work", "a night-time economy welfare hub",
                 "mentoring for young people at risk of exclusion",
                 "a focused deterrence programme")
RURAL_KIT = ("purchase of two off-road motorcycles", "purchase of a second drone",
             "a farm watch messaging service", "wildlife and heritage crime training",
             "trail cameras for fly-tipping hotspots", "forensic marking kits for farm machinery")
RESERVES = ("estates", "insurance", "change and transformation", "ICT replacement")
WAIVERS = ("specialist interpreting for victims' services",
           "an independent public confidence survey",
           "urgent repairs to the Stowmere custody suite roof",
           "a specialist review of domestic homicide learning",
           "extended software support for the complaints case system")
COLLABS = ("a joint firearms licensing unit", "shared forensic collision investigation",
           "a joint dog support unit", "shared occupational health services",
           "a regional economic crime team")
VAWG_PROJECTS = ("safe spaces in night-time venues", "bystander training for bar and taxi staff",
                 "better lighting and CCTV on walking routes",
                 "a domestic abuse workplace champions scheme")
PANEL_TOPICS = ("rural crime", "anti-social behaviour", "violence against women and girls",
                "road safety", "the force's 101 service", "retail crime")

# (how many to spread over the period, category, title, lowest amount, highest amount,
#  commercial, background sentences, decision); a quota of 0 means once a year, see below
DECISION_TOPICS = (
    (7, "Commissioning", "Award of contract for the {service}", 80_000, 900_000, True,
     ("The current contract for the {service} ends on 31 March {year_end}.",
      "An open tender attracted {bids} bids, which were scored on quality, social value and price.",
      "Referrals to the {service} rose by {pct}% over the last two years, and the new contract "
      "has been sized to match."),
     "the award of a {years}-year contract for the {service} to {provider}"),
    (8, "Commissioning", "Extension of the {service} contract", 30_000, 400_000, True,
     ("The contract for the {service} allows an extension of up to {months} months.",
      "The provider has met its performance measures for the last four quarters, and feedback "
      "from victims is positive.",
      "A full recommissioning exercise will follow the victims' needs assessment due in "
      "{next_fy}."),
     "a {months}-month extension of the contract for the {service} with {provider}"),
    (14, "Grants", "Community safety grant to {town} Community Safety Partnership, {fy}",
     20_000, 180_000, False,
     ("{town} Community Safety Partnership brings together the council, police, health, probation "
      "and fire services.",
      "The partnership's strategic assessment names anti-social behaviour and shoplifting in "
      "{town} town centre as its main priorities.",
      "Last year's grant paid for a town centre warden scheme and diversionary youth activities, "
      "which the partnership has evaluated."),
     "a community safety grant to {town} Community Safety Partnership for {fy}"),
    (12, "Grants", "Safer communities small grants: {town} area, {fy}", 5_000, 60_000,
     False,
     ("The safer communities fund invites bids of up to £5,000 from local groups working to "
      "reduce crime.",
      "{bids} applications from {town} and nearby villages were scored by a panel that included "
      "two community representatives.",
      "Successful projects include youth boxing sessions, a neighbourhood watch relaunch in "
      "{village} and bike marking events."),
     "small grants to {grants} community groups in and around {town}"),
    (0, "Violence reduction", "Violence Reduction Unit grant allocation, {fy}", 300_000, 1_400_000,
     False,
     ("The Fernshire Violence Reduction Unit is funded by a Home Office grant, with local match "
      "funding from partners.",
      "The unit's response strategy focuses on under-25s and on the night-time economy in "
      "Ashbridge and Kelham Cross.",
      "Hospital admissions for assault with a sharp object fell by {pct}% last year."),
     "the Violence Reduction Unit's delivery plan and grant allocation for {fy}"),
    (16, "Violence reduction", "Serious violence duty: funding for {intervention} in {town}",
     15_000, 150_000, False,
     ("The serious violence duty requires local partners to work together to prevent and reduce "
      "serious violence.",
      "The {town} strategic needs assessment recommends {intervention}.",
      "Similar schemes elsewhere have reduced repeat attendance at emergency departments."),
     "funding for {intervention} in {town}, delivered through the serious violence partnership"),
    (5, "Rural crime", "Rural crime: {kit}", 8_000, 120_000, False,
     ("The Rural Crime Team covers more than {area} square miles of farmland, moorland and "
      "river valley.",
      "Thefts of farm machinery and GPS equipment cost Fernshire farmers an estimated "
      "£{loss} last year.",
      "Farmers at the rural crime roundtable in {village} asked for more visible patrols and "
      "faster updates on reported thefts."),
     "the {kit} for the Rural Crime Team"),
    (4, "Estates", "Refurbishment of {town} police station", 150_000, 2_500_000, True,
     ("{town} police station was built in the {decade} and its heating, wiring and custody "
      "areas are near the end of their life.",
      "A condition survey found £{loss} of backlog maintenance at the site.",
      "The estates strategy keeps a neighbourhood policing presence in {town}, so "
      "refurbishment is preferred to relocation."),
     "the refurbishment of {town} police station by {contractor}"),
    (4, "Estates", "Disposal of the former police house at {village}", None, None, True,
     ("The former police house at {village} has been empty since the neighbourhood team moved "
      "into shared premises with the parish council.",
      "An independent valuation has been obtained and the property will be sold on the open "
      "market.",
      "The capital receipt will go into the capital programme to reduce future borrowing."),
     "the disposal of the former police house at {village}"),
    (4, "Estates", "Lease of the {town} neighbourhood policing base", 10_000, 90_000, True,
     ("The neighbourhood team in {town} works from leased premises in the town centre.",
      "The current lease expires this year and the landlord has offered a new lease of "
      "{years} years.",
      "Market comparisons show the proposed rent is in line with similar premises in {town}."),
     "a {years}-year lease of the neighbourhood policing base in {town}"),
    (4, "Fleet", "Replacement of {n} marked response vehicles", 200_000, 1_500_000, True,
     ("The fleet replacement programme replaces response vehicles after five years or "
      "120,000 miles.",
      "{n} marked vehicles reach the end of their life during {fy}.",
      "The vehicles will be bought through a national framework, which gives a better price "
      "than a local tender."),
     "the purchase of {n} marked response vehicles from {fleet_supplier}"),
    (4, "Fleet", "Electric vehicle charging points at {town} police station", 25_000, 180_000, True,
     ("The force aims to move its non-response fleet to electric vehicles by 2030.",
      "The site at {town} has room for {chargers} charging points after a small upgrade to the "
      "power supply.",
      "Running costs for electric pool cars are about {pct}% lower than for the petrol cars "
      "they replaced."),
     "the installation of {chargers} charging points at {town} police station by {contractor}"),
    (5, "Technology", "Contract award for {tech}", 100_000, 2_500_000, True,
     ("The current arrangements for {tech} go out of support at the end of {fy}.",
      "The business case was reviewed by the joint ICT board and the force's digital programme "
      "board.",
      "The new system will free up officer time by cutting double keying between systems."),
     "the award of a {years}-year contract for {tech} to {tech_supplier}"),
    (12, "Partnerships", "Contribution to the {town} CCTV partnership, {fy}", 10_000, 80_000,
     False,
     ("Public space CCTV in {town} is run by the district council and monitored around the "
      "clock.",
      "Footage from the scheme supported {cases} investigations last year, including serious "
      "assaults and robberies.",
      "The partners have agreed a shared funding formula for the next three years."),
     "a contribution to the {town} town centre CCTV partnership for {fy}"),
    (0, "Partnerships", "Contribution to the Fernshire Combating Drugs Partnership, {fy}",
     40_000, 250_000, False,
     ("The Combating Drugs Partnership leads local delivery of the national drugs strategy.",
      "Drug-related deaths and county lines activity remain a concern in {town} and {town2}.",
      "The funding supports drug testing on arrest and referrals into treatment from custody."),
     "a contribution to the Fernshire Combating Drugs Partnership for {fy}"),
    (0, "Community", "Police property fund grants, {fy}", 1_000, 25_000, False,
     ("The police property fund holds money from the sale of property that came into police "
      "possession and could not be returned to its owner.",
      "The fund supports small community projects that prevent crime or support victims.",
      "{grants} applications were recommended by the grants panel."),
     "grants from the police property fund to {grants} community projects"),
    (0, "Community", "Funding for the Fernshire Youth Commission, {fy}", 5_000, 30_000, False,
     ("The Youth Commission gives young people aged 14 to 25 a voice in policing and crime "
      "priorities.",
      "Last year the commission spoke to more than {cases} young people across Fernshire about "
      "stop and search and online safety.",
      "Its recommendations were presented to the Chief Constable at the accountability board."),
     "funding for the Fernshire Youth Commission for {fy}"),
    (1, "Governance", "Appointment of independent members to the Joint Audit Committee", None, None,
     False,
     ("The Joint Audit Committee advises the Commissioner and the Chief Constable on governance, "
      "risk and internal control.",
      "Two independent members reach the end of their terms this year.",
      "Candidates were interviewed by a panel that included the committee chair."),
     "the appointment of two independent members to the Joint Audit Committee for four years"),
    (1, "Governance", "Revisions to the scheme of delegation and consent", None, None, False,
     ("The scheme of delegation and consent sets out which decisions the Commissioner delegates "
      "to officers and to the Chief Constable.",
      "The scheme was reviewed by the Chief Executive and the Chief Finance Officer.",
      "The Joint Audit Committee commented on the draft at its last meeting."),
     "the revised scheme of delegation and consent, with effect from the date of this decision"),
    (4, "Governance", "Section 22A collaboration agreement: {collab}", None, None, False,
     ("Fernshire Police already works with Wyvernshire Police on several specialist functions.",
      "A collaboration agreement under section 22A of the Police Act 1996 is needed for "
      "{collab}.",
      "The Chief Constable supports the agreement and both forces' legal services have "
      "reviewed it."),
     "a section 22A collaboration agreement with the Police and Crime Commissioner for "
     "Wyvernshire for {collab}"),
    (22, "Governance", "Approval of the {policy}", None, None, False,
     ("The {policy} has been reviewed as part of the office's rolling policy review programme.",
      "The changes reflect current legislation and guidance, and feedback from staff.",
      "The revised document is published on this portal."),
     "the revised {policy}"),
    (5, "Police and crime plan", "Response to the Police and Crime Panel's report on {panel_topic}",
     None, None, False,
     ("The Police and Crime Panel reviewed {panel_topic} at a themed meeting in {town}.",
      "The panel made {grants} recommendations to the Commissioner.",
      "The response was prepared with the force and with community safety partners."),
     "the response to the Police and Crime Panel's report on {panel_topic}"),
    (3, "Finance", "Transfer to the {reserve} reserve", 50_000, 750_000, False,
     ("The reserves strategy requires reserves to be held for specific, identified risks.",
      "The revenue outturn shows an underspend, mainly from police staff vacancies.",
      "The Chief Finance Officer advises that general reserves remain at about {small}% of net "
      "revenue expenditure."),
     "a transfer to the {reserve} reserve from the revenue underspend"),
    (4, "Procurement", "Procurement waiver: {waiver}", 1_000, 45_000, True,
     ("Contract standing orders normally require three quotes or a tender at this value.",
      "Only one supplier can provide {waiver} in the time available.",
      "The waiver has been recorded in the contracts register and reported to the Joint Audit "
      "Committee."),
     "a waiver of contract standing orders for {waiver}"),
    (6, "Commissioning", "Additional funding for the {service}", 10_000, 120_000, False,
     ("Demand for the {service} rose by {pct}% in the first half of {fy}.",
      "Waiting times for victims have grown, and the provider has asked for extra capacity "
      "until the end of the financial year.",
      "The funding is a variation to the existing grant agreement with {provider}."),
     "additional funding for the {service} delivered by {provider}, until 31 March {year_end}"),
    (3, "Estates", "Custody improvements at {suite}", 40_000, 600_000, True,
     ("Not all cells at {suite} meet current standards for anti-ligature fittings.",
      "The joint custody inspection recommended improvements to the detention rooms and the "
      "medical room.",
      "The work will be phased so that the suite stays open throughout."),
     "improvement works at {suite} by {contractor}"),
    (4, "Violence against women and girls", "Violence against women and girls: {vawg} in {town}",
     8_000, 90_000, False,
     ("Women and girls in {town} told the Commissioner's safety survey that they feel least "
      "safe in the town centre at night.",
      "The project was designed with {town} Community Safety Partnership and local women's "
      "groups.",
      "Similar schemes elsewhere have increased reporting and public confidence."),
     "funding for {vawg} in {town}"),
    (0, "Police and crime plan", "Police and crime plan annual report, {prev_fy}", None, None,
     False,
     ("The Commissioner must publish an annual report on progress against the police and crime "
      "plan.",
      "The draft report was presented to the Police and Crime Panel at its meeting in {town}.",
      "The report covers {prev_fy}, including performance, spending on commissioned services "
      "and the work of the Youth Commission."),
     "the police and crime plan annual report for {prev_fy} for publication"),
    (0, "Governance", "Annual governance statement, {prev_fy}", None, None, False,
     ("The annual governance statement explains how the Commissioner's governance arrangements "
      "worked during {prev_fy}.",
      "The Joint Audit Committee reviewed the draft alongside the head of internal audit's "
      "annual opinion.",
      "The statement identifies {grants} areas for improvement, which will be monitored "
      "through the year."),
     "the annual governance statement for {prev_fy}, to be published with the accounts"),
)
# The month of the year in which each annual decision is taken.
ANNUAL_MONTHS = {"Violence Reduction Unit grant allocation, {fy}": 5,
                 "Contribution to the Fernshire Combating Drugs Partnership, {fy}": 6,
                 "Annual governance statement, {prev_fy}": 6,
                 "Police and crime plan annual report, {prev_fy}": 7,
                 "Funding for the Fernshire Youth Commission, {fy}": 9,
                 "Police property fund grants, {fy}": 10}

CONTEXT_SENTENCES = (
    "The proposal was considered at the Commissioner's strategic governance board on {board}.",
    "The Chief Constable has been consulted and supports the proposal.",
    "Other options, including doing nothing, were considered and are set out in the report.",
    "Partners were consulted during {month} and their comments are reflected in the proposal.")
CONDITIONS = ("quarterly monitoring returns are sent to the OPCC commissioning team",
              "any underspend is returned unless the OPCC agrees otherwise in writing",
              "the Commissioner's funding is acknowledged in publicity",
              "performance is reported to the accountability board every six months",
              "any funds not spent by 31 March are reported in the end-of-year return")
EQUALITY_GENERAL = (
    "An equality impact assessment has been completed. No negative impact on people with "
    "protected characteristics was found.",
    "The decision has been considered against the public sector equality duty in section 149 "
    "of the Equality Act 2010.",
    "There are no specific equality implications arising from this decision.")
EQUALITY_SERVICES = (
    *EQUALITY_GENERAL[:2],
    "Monitoring data on the age, sex, ethnicity and disability of people using the service "
    "will be collected so that gaps in access can be addressed.",
    "Services are open to all victims, whether or not they have reported the crime to the "
    "police, and are accessible to disabled people and to people who do not speak English.")
GRANT_LIKE = {"Commissioning", "Grants", "Violence reduction", "Partnerships", "Community",
              "Violence against women and girls"}
WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5}
LEGAL = {
    "Commissioning": "The Commissioner may provide or arrange services for victims and "
                     "witnesses under section 143 of the Anti-social Behaviour, Crime and "
                     "Policing Act 2014.",
    "Grants": "The Commissioner may award crime and disorder reduction grants, with "
              "conditions, under section 9 of the Police Reform and Social Responsibility Act "
              "2011.",
    "Violence reduction": "The serious violence duty is set out in Part 2 of the Police, Crime, "
                          "Sentencing and Courts Act 2022.",
    "Finance": "The Chief Finance Officer has reported on the adequacy of reserves under "
               "section 25 of the Local Government Act 2003.",
}
DEFAULT_LEGAL = ("The Chief Executive, as monitoring officer, has confirmed that the decision "
                 "is within the Commissioner's powers.")
SOURCES = {
    "Grants": ("the community safety fund",),
    "Partnerships": ("the OPCC partnerships budget",),
    "Commissioning": ("the Ministry of Justice victims' services grant",
                      "the OPCC commissioning budget"),
    "Violence reduction": ("the Home Office Violence Reduction Unit grant",
                           "the serious violence duty grant"),
    "Estates": ("the capital programme", "the estates reserve"),
    "Fleet": ("the fleet replacement capital budget",),
    "Technology": ("the capital programme", "the ICT replacement reserve"),
    "Community": ("the police property fund", "the OPCC community engagement budget"),
    "Finance": ("the revenue underspend for the year",),
}
EXEMPT_TEXT = ("The bidders' prices and the evaluation scores, in the confidential appendix "
               "to the report supporting this decision. They are exempt from publication under "
               "section 43 of the Freedom of Information Act 2000 (commercial interests).")
REASONS = (
    "The service is needed to meet a gap identified in the needs assessment.",
    "The current arrangement ends this year and the service must continue.",
    "Evidence from the pilot shows that the approach reduces repeat victimisation.",
    "The force's business case showed savings over the life of the investment.",
    "Partners asked the Commissioner to act, and the accountability board agreed the need.",
    "It meets a statutory duty of the Commissioner.")
COMMERCIAL_OPTIONS = (
    "Extend the existing contract for a year: rejected, because it would not deliver the "
    "improvements needed.",
    "Buy through a national framework instead: considered, but no framework supplier met the "
    "specification.",
    "Provide the service in-house: rejected, because the force does not have the specialist "
    "skills.")
OTHER_OPTIONS = (
    "Fund a smaller scheme: rejected, because it would not reach enough people to make a "
    "difference.",
    "Ask partners to lead instead: considered, but no partner has the funding this year.",
    "Delay until next financial year: rejected, because the need is immediate.")
DO_NOTHING = ("This would leave the need unmet.", "This would put the service at risk.",
              "This would not meet the Commissioner's duties.")
NO_INTEREST = "The {maker} declared no personal or prejudicial interest in this matter."
INTERESTS = (
    "The {maker} declared that a close relative volunteers with one of the organisations "
    "concerned, and took no part in assessing the bids.",
    "The {maker} declared membership of a local charity that applied, and the decision was "
    "referred to the Chief Executive.")
MONITORING_ADVICE = (
    "The Monitoring Officer confirms that the decision is within the Commissioner's powers "
    "and that the proper process has been followed.",
    "The Monitoring Officer has reviewed the report and is satisfied that the decision is "
    "lawful and complies with the scheme of governance.",
    "The Monitoring Officer confirms that the decision is lawful and that the required "
    "consultation has taken place.")


# Spending lines a month when no volume is asked for: enough to show every page, quick to load.
SAMPLE_SPENDING_PER_MONTH = 10


def generate_demo_records(seed: int = 2026,
                          spending_per_month: int = SAMPLE_SPENDING_PER_MONTH) -> list[dict]:
    """Deterministic, clearly fictional demo records in the portal's JSON Lines import format,
    with about `spending_per_month` spending lines for each month."""
    # Grants and contracts are made from the decisions that approved them, with names kept
    # here: imported late, as that module reads this one's.
    from content.demo_grants_contracts import demo_grants_contracts_tenders

    rng = random.Random(seed)
    decisions, expenses, policies, scrutiny = (_decisions(rng), _expenses(rng), _policies(rng),
                                               _scrutiny(rng))
    reports = _hmicfrs_reports(rng, scrutiny)
    meetings = demo_meetings(seed, scrutiny, decisions, BOARD_THEMES)
    return (decisions + expenses + policies + scrutiny + reports + meetings + demo_people()
            + demo_grants_contracts_tenders(decisions, seed) + demo_registers(decisions, seed)
            + spending_lines(spending_per_month, seed))


# --- small helpers -------------------------------------------------------------------------

def _money(value: Decimal) -> str:
    return str(value.quantize(PENCE))


def _pounds(value: Decimal) -> str:
    return f"£{value:,.2f}"


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _fy_start(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def _fy_label(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _random_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _month_start(index: int) -> date:
    """The first day of the index-th month counted from April 2023."""
    return date(2023 + (3 + index) // 12, (3 + index) % 12 + 1, 1)


def _month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _pence(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(rng.randint(round(low * 100), round(high * 100))) / 100


def _table(header: tuple[str, ...], rows: list[tuple], align: str = "---") -> str:
    lines = ["| " + " | ".join(header) + " |",
             "| --- |" + f" {align} |" * (len(header) - 1)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


# --- decisions -----------------------------------------------------------------------------

def _decisions(rng: random.Random) -> list[dict]:
    scheduled = [topic for topic in DECISION_TOPICS for _ in range(topic[0])]
    rng.shuffle(scheduled)
    titles: set[str] = set()
    records = [_topic_decision(rng, topic, None, titles) for topic in scheduled]
    for fy in (2023, 2024, 2025, 2026):
        for topic in DECISION_TOPICS:
            if topic[2] in ANNUAL_MONTHS:
                month = ANNUAL_MONTHS[topic[2]]
                day = _weekday(date(fy if month >= 4 else fy + 1, month, rng.randint(2, 24)))
                records.append(_topic_decision(rng, topic, day, titles))
    band_d = _pence(rng, 245, 285)
    for fy in (2024, 2025, 2026):
        precept, band_d = _precept_decision(rng, fy, band_d)
        records += [precept, _treasury_decision(rng, fy)]
    commercial = [r for r in records if r["_commercial"]]
    for record in rng.sample(commercial, round(len(records) * 0.05)):
        record["exempt"] = True
        record["exemption_ground"] = "Commercially sensitive"
        record["withheld"] = EXEMPT_TEXT
    records.sort(key=lambda r: r["date"])
    numbers: dict[str, int] = {}
    for record in records:
        year = record["date"][:4]
        numbers[year] = numbers.get(year, 0) + 1
        record["reference"] = f"{year}/{numbers[year]:03d}"
    return [{key: value for key, value in r.items() if key != "_commercial"} for r in records]


def _context(rng: random.Random, day: date) -> dict:
    fy = _fy_start(day)
    town, town2 = rng.sample(TOWNS, 2)
    return {
        "town": town, "town2": town2, "village": rng.choice(VILLAGES),
        "fy": _fy_label(fy), "next_fy": _fy_label(fy + 1), "year_end": fy + 1,
        "service": rng.choice(VICTIM_SERVICES), "provider": rng.choice(PROVIDERS),
        "contractor": rng.choice(CONTRACTORS), "fleet_supplier": rng.choice(FLEET_SUPPLIERS),
        "tech_supplier": rng.choice(TECH_SUPPLIERS), "tech": rng.choice(TECH),
        "intervention": rng.choice(INTERVENTIONS), "kit": rng.choice(RURAL_KIT),
        "reserve": rng.choice(RESERVES), "waiver": rng.choice(WAIVERS),
        "collab": rng.choice(COLLABS), "panel_topic": rng.choice(PANEL_TOPICS),
        "policy": _lower_first(rng.choice(POLICIES)[1]),
        "years": rng.choice(("two", "three", "three", "four", "five")),
        "months": rng.choice((6, 9, 12, 12, 18)), "bids": rng.randint(2, 9),
        "pct": rng.randint(6, 31), "small": rng.choice(("3", "3.5", "4", "4.5")),
        "n": rng.randint(8, 36), "chargers": rng.randint(4, 16), "grants": rng.randint(3, 14),
        "prev_fy": _fy_label(fy - 1), "suite": rng.choice(SUITES),
        "vawg": rng.choice(VAWG_PROJECTS), "cases": rng.randint(120, 950),
        "area": rng.choice(("400", "550", "620", "700")), "decade": rng.choice(
            ("1960s", "1970s", "1980s")), "loss": f"{rng.randint(180, 1900):,},000",
        "board": _long(_weekday(day - timedelta(days=rng.randint(7, 35)))),
        "month": f"{day - timedelta(days=rng.randint(30, 90)):%B %Y}",
    }


def _decision_amount(rng: random.Random, low: int, high: int) -> Decimal:
    value = rng.randint(low, high)
    if value >= 20_000:
        return Decimal(value // 50 * 50)
    return Decimal(value * 100 + rng.choice((0, 0, rng.randint(1, 99)))) / 100


def _decision_maker(rng: random.Random, amount: Decimal | None) -> str:
    if amount is None:
        return rng.choice((PCC, PCC, PCC, DPCC, CHIEF_EXECUTIVE))
    if amount >= 250_000:
        return PCC
    if amount >= 100_000:
        return rng.choice((PCC, PCC, PCC, DPCC))
    return rng.choices((PCC, DPCC, CHIEF_EXECUTIVE, CFO), weights=(4, 2, 1, 2))[0]


def _topic_decision(rng: random.Random, topic: tuple, fixed_day: date | None,
                    titles: set[str]) -> dict:
    """One decision on the topic, on the day given or else on a random day."""
    _, category, template, low, high, commercial, backgrounds, action = topic
    for _ in range(50):  # a real office rarely takes the same decision twice
        day = fixed_day or _weekday(_random_day(rng, FIRST_DAY, LAST_EVENT_DAY))
        ctx = _context(rng, day)
        title = template.format(**ctx)
        if title not in titles:
            break
    titles.add(title)
    amount = None if low is None else _decision_amount(rng, low, high)
    if "{n}" in template:  # vehicles cost £28,000 to £42,000 each, fitted out
        amount = Decimal(ctx["n"] * rng.randint(560, 840) * 50)
    statutory = template in ANNUAL_MONTHS or category == "Police and crime plan"
    maker = PCC if statutory and amount is None else _decision_maker(rng, amount)
    years = WORD_NUMBERS[ctx["years"]] if "{years}" in action else 0
    action = action.format(**ctx)
    picked = sorted(rng.sample(range(len(backgrounds)), rng.randint(2, 3)))
    background = [backgrounds[i].format(**ctx) for i in picked]
    background.append(rng.choice(CONTEXT_SENTENCES).format(**ctx))
    priority = rng.choice(PRIORITIES.get(category, DEFAULT_PRIORITY))
    background.append(f"It supports the police and crime plan priority of {priority}.")
    finance = _finance_text(rng, category, amount, day, years)
    # The financial implications have a field of their own, shown under their own heading.
    sections = (("Background", " ".join(background)),
                ("Decision", _decision_text(rng, maker, action, category, amount)),
                ("Legal implications", _legal_text(category, commercial, amount, day)),
                ("Equality considerations", rng.choice(
                    EQUALITY_SERVICES if category in GRANT_LIKE else EQUALITY_GENERAL)))
    summary = f"The {maker} approved {action}."
    if amount is not None:
        summary += f" The total cost is {_pounds(amount)}."
    if amount is None and rng.random() < 0.5:
        finance = ""
    record = _decision_record(day, title, maker, category, summary, sections, amount, finance,
                              commercial)
    return record | _decision_details(title, maker, action, priority, amount, commercial,
                                      ctx["fy"])


def _decision_details(title: str, maker: str, action: str, priority: str,
                      amount: Decimal | None, commercial: bool, fy: str) -> dict:
    """Reasons, options, interests and the statutory officers' advice. Drawn from their own
    generator, seeded by the title, so the rest of the demo stays as it was."""
    own = random.Random(f"decision details {title}")
    reasons = (f"{own.choice(REASONS)} It supports the police and crime plan priority of "
               f"{priority}.")
    options = _bullets([f"Approve {action} (recommended).",
                        own.choice(COMMERCIAL_OPTIONS if commercial else OTHER_OPTIONS),
                        f"Do nothing. {own.choice(DO_NOTHING)}"])
    interest = own.choice(INTERESTS) if own.random() < 0.08 else NO_INTEREST
    if amount is None:
        finance_advice = ("The decision has no direct financial implications, so the Chief "
                          "Finance Officer has no comment to make.")
    else:
        finance_advice = (f"The Chief Finance Officer confirms that {_pounds(amount)} can be met "
                          f"within the approved budget for {fy} and that the decision is a "
                          "prudent use of public money.")
    return {"reasons": reasons, "options_considered": options,
            "declarations_of_interest": interest.format(maker=maker),
            "finance_officer_advice": finance_advice,
            "monitoring_officer_advice": own.choice(MONITORING_ADVICE)}


def _decision_text(rng: random.Random, maker: str, action: str, category: str,
                   amount: Decimal | None) -> str:
    text = f"The {maker} approves {action}."
    if maker in (CHIEF_EXECUTIVE, CFO):
        text += (f" The decision is taken under delegated authority in paragraph "
                 f"{rng.randint(3, 9)}.{rng.randint(1, 12)} of the scheme of delegation.")
    if amount is not None and category in GRANT_LIKE and rng.random() < 0.5:
        text += "\n\nThe funding is subject to these conditions:\n\n" + _bullets(
            rng.sample(CONDITIONS, rng.randint(2, 3)))
    return text


def _legal_text(category: str, commercial: bool, amount: Decimal | None, day: date) -> str:
    text = LEGAL.get(category, DEFAULT_LEGAL)
    if commercial and amount is not None:
        law = ("Procurement Act 2023" if day >= PROCUREMENT_ACT_START
               else "Public Contracts Regulations 2015")
        text += f" The procurement complies with the {law} and the contract standing orders."
    return text


def _finance_text(rng: random.Random, category: str, amount: Decimal | None, day: date,
                  years: int) -> str:
    if amount is None:
        return "There are no direct financial implications arising from this decision."
    source = rng.choice(SOURCES.get(category, ("the OPCC revenue budget",)))
    text = f"The cost of {_pounds(amount)} will be met from {source}."
    if years and rng.random() < 0.6:  # a spending profile for multi-year contracts and leases
        share = (amount / years).quantize(PENCE)
        shares = [share] * (years - 1) + [amount - share * (years - 1)]
        first = _fy_start(day) + 1
        rows = [(_fy_label(first + i), _pounds(s)) for i, s in enumerate(shares)]
        rows.append(("**Total**", f"**{_pounds(amount)}**"))
        text += "\n\n" + _table(("Financial year", "Amount"), rows, "---:")
    return text


def _decision_record(day: date, title: str, maker: str, category: str, summary: str,
                     sections: tuple, amount: Decimal | None, finance: str,
                     commercial: bool) -> dict:
    body = "\n\n".join(f"## {heading}\n\n{text}" for heading, text in sections)
    return {"type": "decision", "reference": "", "title": title, "date": day.isoformat(),
            "decision_maker": maker,
            "category": category, "summary": summary, "body": body,
            "amount": None if amount is None else _money(amount),
            "financial_implications": finance, "exempt": False, "_commercial": commercial}


def _precept_decision(rng: random.Random, fy: int, band_d: Decimal) -> tuple[dict, Decimal]:
    day = _weekday(date(fy, 2, rng.randint(9, 20)))
    rise = Decimal(rng.choice((10, 12, 13, 14)))
    new = band_d + rise
    base_old, base_new = rng.randint(312_000, 322_000), rng.randint(323_000, 330_000)
    pct = (rise / band_d * 100).quantize(Decimal("0.1"))
    label, previous = _fy_label(fy), _fy_label(fy - 1)
    table = _table(("", previous, label), [
        ("Band D precept", _pounds(band_d), _pounds(new)),
        ("Council tax base (Band D equivalents)", f"{base_old:,}", f"{base_new:,}"),
        ("Precept income", _pounds(band_d * base_old), _pounds(new * base_new))], "---:")
    responses = rng.randint(1_400, 4_200)
    sections = (
        ("Background", "The Commissioner must set the police precept each year after the "
         f"Police and Crime Panel has reviewed the proposal. The panel met on "
         f"{_long(day - timedelta(days=rng.randint(7, 12)))} and did not veto it."),
        ("Consultation", f"An online survey ran for {rng.randint(3, 6)} weeks. {responses:,} "
         f"residents responded and {rng.randint(51, 68)}% supported an increase of up to "
         f"{_pounds(rise)} a year for a Band D property."),
        ("Decision", f"The Police and Crime Commissioner sets the police precept for {label} at "
         f"{_pounds(new)} for a Band D property.\n\n{table}"),
        ("Legal implications", "The precept is set under the Local Government Finance Act 1992, "
         "following the panel's review under Schedule 5 to the Police Reform and Social "
         "Responsibility Act 2011."))
    summary = (f"The Commissioner set a Band D police precept of {_pounds(new)} for {label}, "
               f"an increase of {_pounds(rise)} ({pct}%).")
    finance = ("The increase protects officer numbers and funds the neighbourhood policing "
               "commitments in the police and crime plan.")
    record = _decision_record(day, f"Police precept for {label}", PCC, "Finance", summary,
                              sections, None, finance, False)
    record |= {
        "reasons": "The Commissioner must set the precept each year. The increase keeps "
                   "officer numbers at their current level without drawing on reserves.",
        "options_considered": _bullets([
            f"An increase of {_pounds(rise)} a year for a Band D property (recommended).",
            "No increase: rejected, because it would mean a cut of about 40 police officer "
            "posts.",
            "A larger increase: rejected, because it would need a local referendum."]),
        "declarations_of_interest": NO_INTEREST.format(maker=PCC),
        "finance_officer_advice": "The Chief Finance Officer reported under section 25 of the "
                                  "Local Government Act 2003 that the budget is robust and the "
                                  "reserves adequate.",
        "monitoring_officer_advice": MONITORING_ADVICE[0]}
    return record, new


def _treasury_decision(rng: random.Random, fy: int) -> dict:
    day = _weekday(date(fy, 3, rng.randint(3, 24)))
    label = _fy_label(fy)
    financing = rng.randint(22, 40)
    boundary = financing + rng.randint(4, 8)
    sections = (
        ("Background", "The Commissioner must approve a treasury management strategy, an "
         "investment strategy and prudential indicators before the start of each financial year. "
         "The Joint Audit Committee reviewed the draft strategy."),
        ("Decision", f"The Police and Crime Commissioner approves the treasury management "
         f"strategy for {label}, including:\n\n" + _bullets([
             f"an authorised limit for external debt of £{boundary + rng.randint(5, 10)}m",
             f"an operational boundary for external debt of £{boundary}m",
             f"a capital financing requirement of £{financing}m at 31 March {fy + 1}"])),
        ("Legal implications", "The strategy meets the requirements of the Local Government Act "
         "2003 and the CIPFA Prudential and Treasury Management Codes."))
    summary = f"The Commissioner approved the treasury management strategy for {label}."
    return _decision_record(day, f"Treasury management strategy, {label}", PCC, "Finance",
                            summary, sections, None, "", False) | {
        "reasons": "The strategy must be approved before the financial year begins.",
        "declarations_of_interest": NO_INTEREST.format(maker=PCC),
        "finance_officer_advice": "The Chief Finance Officer recommends the strategy, which "
                                  "puts the security of the Commissioner's money first.",
        "monitoring_officer_advice": MONITORING_ADVICE[0]}


# --- expenses ------------------------------------------------------------------------------

NATIONAL_EVENTS = (
    ("London", "APCC general meeting"), ("London", "APCC and NPCC partnership summit"),
    ("London", "Home Office policing roundtable"), ("London", "APCC finance forum"),
    ("Birmingham", "victims' services commissioning workshop"),
    ("Manchester", "Violence Reduction Unit national network event"),
    ("Leeds", "National Rural Crime Network conference"),
    ("Birmingham", "emergency services collaboration forum"),
    ("Bristol", "regional PCC and Chief Constable meeting"))
VILLAGE_VISITS = ("parish council meeting", "village hall surgery", "farm watch meeting",
                  "rural crime team patrol", "speed watch volunteers' session")
LOCAL_VISITS = ("neighbourhood team", "custody suite", "domestic abuse refuge",
                "rural crime team briefing", "community safety partnership meeting",
                "youth club", "farm watch meeting", "victims' hub",
                "night-time economy patrol", "police station open day")
MEALS = (("Breakfast", 6, 14), ("Lunch", 6, 16), ("Evening meal", 12, 30))
TRAINING = (("Registration fee, APCC annual summit", 150, 450),
            ("Delegate fee, National Rural Crime Network conference", 45, 195),
            ("Course fee, data protection refresher training", 25, 95),
            ("Delegate fee, victims' services commissioning workshop", 60, 180),
            ("Registration fee, Local Government Association annual conference", 195, 450),
            ("Online course, effective scrutiny of police performance", 35, 120),
            ("Delegate fee, safeguarding adults and children training", 40, 140))
OFFICE = (("Printer toner for community surgeries", 18, 75), ("Replacement laptop charger", 19, 45),
          ("Headset for remote meetings", 25, 80), ("Stationery for community surgeries", 5, 40),
          ("Postage, correspondence with residents", 3, 25),
          ("Mobile phone case and screen protector", 9, 30),
          ("Portable display stand for community events", 45, 160))
HOSPITALITY = ("meeting with {town} parish council representatives", "Youth Commission workshop",
               "independent custody visitors' annual meeting", "victims' services provider forum",
               "rural crime roundtable, {village}", "faith and community leaders' forum, {town}",
               "neighbourhood watch coordinators' evening, {town}", "business crime forum, {town}")
EXPENSE_CATEGORIES = ("Travel", "Mileage", "Subsistence", "Accommodation",
                      "Training and conferences", "Office and IT", "Hospitality given")
EXPENSE_WEIGHTS = (30, 26, 15, 8, 6, 7, 8)


def _expenses(rng: random.Random) -> list[dict]:
    records = []
    for fy, count in zip(FINANCIAL_YEARS, EXPENSES_PER_YEAR, strict=True):
        start, end = date(fy, 4, 1), date(fy + 1, 3, 31)
        for number, day in enumerate(sorted(_random_day(rng, start, end) for _ in range(count))):
            category = rng.choices(EXPENSE_CATEGORIES, weights=EXPENSE_WEIGHTS)[0]
            description, amount, details = EXPENSE_BUILDERS[category](rng)
            claimant = rng.choices((PCC, DPCC), weights=(58, 42))[0]
            records.append({
                "type": "expense", "reference": f"EXP-{fy}-{number + 1:05d}",
                "claimant": claimant,
                "date": day.isoformat(), "category": category,
                "description": description, "amount": _money(amount),
                **_claim(claimant, day, category, amount), **details})
    return records


def _claim(claimant: str, day: date, category: str, amount: Decimal) -> dict:
    """The monthly claim a line was paid in, and, now and then, part of a claim that the
    policy does not allow (drawn from a generator of its own, so the rest of the demo stays
    as it was)."""
    month = date(day.year + day.month // 12, day.month % 12 + 1, 1)  # claimed the month after
    who = "PCC" if claimant == PCC else "DPCC"
    claim = {"claim_reference": f"{who}/{month:%Y-%m}", "claim_month": f"{month:%Y-%m}"}
    own = random.Random(f"claim {claimant} {day} {amount}")
    if category in NOT_ALLOWED and own.random() < 0.1:
        extra, reason = NOT_ALLOWED[category]
        claim |= {"amount_claimed": _money(amount + Decimal(extra)),
                  "not_reimbursed_reason": reason}
    return claim


def _travel(rng: random.Random) -> tuple[str, Decimal, dict]:
    city, event = rng.choice(NATIONAL_EVENTS)
    town, other = rng.sample(TOWNS, 2)
    options = (
        (f"Rail fare, Ashbridge to {city}, {event}",
         (48, 245) if city == "London" else (22, 130)),
        (f"Taxi, {city} station to venue, {event}", (9, 38)),
        (f"Underground fares, London, {event}", (5.6, 14.8)),
        (f"Car parking, {town} town centre, community surgery", (2.5, 16)),
        (f"Bus fare, {town} to {other}, community engagement day", (2, 6.5)))
    details = ({"origin": "Ashbridge", "destination": city, "travel_mode": "Rail",
                "travel_class": "Standard"},
               {"origin": f"{city} station", "destination": f"{event} venue",
                "travel_mode": "Taxi"},
               {"destination": "London", "travel_mode": "London Underground"},
               {"destination": town, "travel_mode": "Car parking"},
               {"origin": town, "destination": other, "travel_mode": "Bus"})
    picked = rng.choices(range(len(options)), weights=(5, 2, 1, 3, 1))[0]
    description, (low, high) = options[picked]
    return description, _pence(rng, low, high), details[picked]


def _mileage(rng: random.Random) -> tuple[str, Decimal, dict]:
    miles = rng.randint(6, 96)
    place = rng.choice(TOWNS[1:] + VILLAGES)  # the office is in Ashbridge
    visit = rng.choice(VILLAGE_VISITS if place in VILLAGES else LOCAL_VISITS)
    if rng.random() < 0.6:
        what = f"visit to {place} {visit}"
    else:
        what = f"Ashbridge to {place} and return, {visit}"
    return (f"Mileage: {what}, {miles} miles at 45p", Decimal(miles) * MILEAGE_RATE,
            {"origin": "Ashbridge", "destination": place, "travel_mode": "Own car",
             "mileage": miles})


def _subsistence(rng: random.Random) -> tuple[str, Decimal, dict]:
    meal, low, high = rng.choice(MEALS)
    if rng.random() < 0.6:
        city, event = rng.choice(NATIONAL_EVENTS)
        return f"{meal} while attending {event}, {city}", _pence(rng, low, high), {}
    return f"{meal}, {rng.choice(TOWNS)} community engagement day", _pence(rng, low, high), {}


def _accommodation(rng: random.Random) -> tuple[str, Decimal, dict]:
    city, event = rng.choice(NATIONAL_EVENTS)
    nights = rng.choice((1, 1, 1, 2))
    rate = _pence(rng, 110, 199) if city == "London" else _pence(rng, 79, 149)
    plural = "night" if nights == 1 else "nights"
    return (f"Hotel, {nights} {plural}, {city}, {event}", rate * nights,
            {"destination": city, "nights": nights, "accommodation": "Hotel, bed and breakfast"})


def _priced_item(table: tuple) -> Callable:
    def build(rng: random.Random) -> tuple[str, Decimal, dict]:
        description, low, high = rng.choice(table)
        return description, _pence(rng, low, high), {}
    return build


def _hospitality(rng: random.Random) -> tuple[str, Decimal, dict]:
    meeting = rng.choice(HOSPITALITY).format(town=rng.choice(TOWNS), village=rng.choice(VILLAGES))
    people = rng.randint(6, 30)
    return (f"Refreshments, {meeting} ({people} attendees)",
            Decimal(people * rng.randint(250, 650)) / 100, {})


# What the travel and subsistence policy does not pay for, by category: the extra claimed,
# and why it was not reimbursed.
NOT_ALLOWED = {
    "Subsistence": ("4.50", "Alcoholic drinks are not reimbursed under the travel and "
                            "subsistence policy"),
    "Accommodation": ("25.00", "The room cost more than the nightly limit in the travel and "
                               "subsistence policy; the difference was not reimbursed"),
}
EXPENSE_BUILDERS = {
    "Travel": _travel, "Mileage": _mileage, "Subsistence": _subsistence,
    "Accommodation": _accommodation, "Training and conferences": _priced_item(TRAINING),
    "Office and IT": _priced_item(OFFICE), "Hospitality given": _hospitality}


# --- policies ------------------------------------------------------------------------------

# (slug, title, owner, review period in years, what it sets out, one specific commitment)
POLICIES = (
    ("complaints-handling-policy", "Complaints handling policy", CHIEF_EXECUTIVE, 2,
     "how the office deals with complaints about the Chief Constable and about its own staff",
     "Complaints about the Chief Constable are recorded and assessed within ten working days."),
    ("police-complaint-reviews-procedure", "Police complaint reviews procedure",
     "Head of Complaint Reviews", 2,
     "how the office reviews police complaints where the Commissioner is the review body",
     "Review outcomes are sent to the applicant and the force in writing, with reasons."),
    ("anti-fraud-bribery-and-corruption-policy", "Anti-fraud, bribery and corruption policy", CFO,
     3, "how the office prevents, detects and responds to fraud, bribery and corruption",
     "Suspected fraud is reported to the Chief Finance Officer without delay."),
    ("whistleblowing-policy", "Whistleblowing policy", CHIEF_EXECUTIVE, 3,
     "how staff and contractors can raise concerns about wrongdoing safely and in confidence",
     "Nobody who raises a concern in good faith will suffer any detriment for doing so."),
    ("gifts-and-hospitality-policy", "Gifts and hospitality policy", CHIEF_EXECUTIVE, 2,
     "when gifts and hospitality may be accepted and how they are recorded",
     "Every offer worth more than £25 is entered in the public register, accepted or not."),
    ("expenses-policy-commissioner-and-deputy",
     "Expenses policy for the Commissioner and Deputy Commissioner", CFO, 2,
     "what the Commissioner and Deputy Commissioner may claim and how claims are checked",
     "Mileage is paid at 45p a mile and rail travel is standard class unless a reason is "
     "recorded."),
    ("treasury-management-policy", "Treasury management policy", CFO, 1,
     "how cash, investments and borrowing are managed to protect public money",
     "Security of the money invested comes before liquidity, and liquidity before yield."),
    ("reserves-strategy", "Reserves strategy", CFO, 1,
     "the level and purpose of the reserves held by the Commissioner",
     "General reserves are kept between 3% and 5% of net revenue expenditure."),
    ("financial-regulations", "Financial regulations", CFO, 3,
     "the rules for managing the finances of the Commissioner and the force",
     "Budget holders may not commit spending that is not in an approved budget."),
    ("contract-standing-orders", "Contract standing orders", CFO, 2,
     "how goods, works and services are bought, and the thresholds for quotes and tenders",
     "Contracts worth £25,000 or more are published on the contracts register."),
    ("scheme-of-delegation-and-consent", "Scheme of delegation and consent", CHIEF_EXECUTIVE, 2,
     "which decisions the Commissioner delegates to officers and to the Chief Constable",
     "Decisions of significant public interest are always taken by the Commissioner."),
    ("data-protection-policy", "Data protection policy", "Data Protection Officer", 2,
     "how the office handles personal information lawfully, fairly and securely",
     "Personal data breaches are reported to the Data Protection Officer within 24 hours."),
    ("freedom-of-information-policy", "Freedom of information policy",
     "Head of Governance and Compliance", 3,
     "how the office answers requests under the Freedom of Information Act 2000",
     "Requests are answered within 20 working days."),
    ("records-retention-and-disposal-schedule", "Records retention and disposal schedule",
     "Head of Governance and Compliance", 3,
     "how long the office keeps each kind of record and how records are disposed of",
     "Records are destroyed securely at the end of their retention period unless a legal hold "
     "applies."),
    ("information-security-policy", "Information security policy",
     "Head of Governance and Compliance", 1, "how staff protect the office's information and "
     "systems", "Staff complete information security training every year."),
    ("equality-diversity-and-inclusion-policy", "Equality, diversity and inclusion policy",
     CHIEF_EXECUTIVE, 3, "how the office meets the public sector equality duty as an employer "
     "and as a commissioner of services",
     "Equality objectives are published and progress is reported every year."),
    ("safeguarding-policy", "Safeguarding policy", "Head of Commissioning and Partnerships", 2,
     "how staff, volunteers and commissioned services respond to concerns about children and "
     "adults at risk", "Concerns are referred to the local authority on the same working day."),
    ("grants-policy", "Grants policy", "Head of Commissioning and Partnerships", 2,
     "how the Commissioner awards, monitors and evaluates grants",
     "Every grant has a written agreement with outcomes, reporting dates and a right to "
     "recover misused funds."),
    ("commissioning-strategy", "Commissioning strategy", "Head of Commissioning and Partnerships",
     3, "how the Commissioner decides which services to commission for victims and for crime "
     "reduction", "Services are commissioned on the basis of a published needs assessment."),
    ("independent-custody-visiting-scheme-handbook",
     "Independent custody visiting scheme handbook", "Scheme Manager", 2,
     "how the independent custody visiting scheme is run, in line with the statutory code of "
     "practice", "Visitors are admitted without delay and may speak to detainees in private."),
    ("community-engagement-strategy", "Community engagement strategy",
     "Head of Communications and Engagement", 3,
     "how the Commissioner listens to residents, victims and partners across Fernshire",
     "The Commissioner holds at least one public meeting in each district every year."),
    ("social-media-policy", "Social media policy", "Head of Communications and Engagement", 2,
     "how the office uses social media and what is expected of staff who post about their work",
     "The office's accounts are never used for party political content."),
    ("health-and-safety-policy", "Health and safety policy", CHIEF_EXECUTIVE, 1,
     "how the office protects the health, safety and welfare of staff and visitors",
     "Lone working risk assessments are completed for all community engagement visits."),
    ("risk-management-strategy", "Risk management strategy", CFO, 2,
     "how risks to the Commissioner's objectives are identified, scored and managed",
     "The strategic risk register is reviewed by the Joint Audit Committee every quarter."),
    ("code-of-conduct-for-staff", "Code of conduct for staff", CHIEF_EXECUTIVE, 3,
     "the standards of behaviour expected of everyone who works for the office",
     "Staff declare business interests and political activity that could conflict with their "
     "role."),
    ("victims-services-referral-policy", "Victims' services referral policy",
     "Head of Commissioning and Partnerships", 2,
     "how victims are referred to commissioned support services, with or without a police report",
     "Victims are contacted within two working days of a referral."),
)
POLICY_COMMITMENTS = (
    "The policy applies equally to the Commissioner, the Deputy Commissioner and all staff.",
    "Managers make sure their teams know about the policy and can find it.",
    "Breaches of the policy may lead to disciplinary action.",
    "Decisions taken under the policy are recorded, with reasons.",
    "The policy is applied fairly and in line with the Equality Act 2010.",
    "Where the policy and the law differ, the law takes precedence.")
SCOPES = ("all staff, volunteers and contractors of the Office of the Police and Crime "
          "Commissioner for Fernshire", "the Commissioner, the Deputy Commissioner and all staff",
          "the office and, where stated, services commissioned by the Commissioner")
CHANGE_NOTES = ("Updated to reflect new national guidance.",
                "Job titles and contact details updated after the office restructure.",
                "Roles and responsibilities rewritten for clarity.",
                "Minor wording changes following consultation with staff.",
                "New section on monitoring and reporting to the Joint Audit Committee.",
                "Updated following an internal audit recommendation.")


def _policies(rng: random.Random) -> list[dict]:
    with_history = set(rng.sample(range(len(POLICIES)), 12))
    overdue = set(rng.sample(range(len(POLICIES)), 5))
    records = []
    for index, policy in enumerate(POLICIES):
        versions = _versions(rng, 1 + (rng.randint(1, 2) if index in with_history else 0))
        approved = _current_approval(rng, policy[3], index in overdue)
        dates = [approved]
        for _ in versions[1:]:
            dates.insert(0, dates[0] - timedelta(days=rng.randint(330, 1100)))
        for version, day in zip(versions, dates, strict=True):
            records.append(_policy_record(rng, policy, version, day))
    return records


def _versions(rng: random.Random, count: int) -> list[str]:
    major, minor, versions = rng.randint(1, 3), rng.randint(0, 2), []
    for _ in range(count):
        versions.append(f"{major}.{minor}")
        major, minor = (major + 1, 0) if rng.random() < 0.5 else (major, minor + 1)
    return versions


def _current_approval(rng: random.Random, years: int, overdue: bool) -> date:
    latest_in_date = _add_years(CUTOFF, -years)
    if overdue:
        return _random_day(rng, latest_in_date - timedelta(days=400),
                           latest_in_date - timedelta(days=20))
    return _random_day(rng, latest_in_date + timedelta(days=1), LAST_EVENT_DAY)


def _policy_record(rng: random.Random, policy: tuple, version: str, approved: date) -> dict:
    slug, title, owner, years, purpose, commitment = policy
    review_due = _add_years(approved, years)
    scope = rng.choice(SCOPES)
    table = _table(("Role", "Responsibility"), [
        (owner, "Owns the policy, gives advice on it and keeps it under review."),
        (PCC, "Approves the policy and any significant changes."),
        ("All staff", "Read the policy and follow it in their work.")])
    change = "First published version." if version == "1.0" else rng.choice(CHANGE_NOTES)
    body = "\n\n".join((
        f"## Purpose\n\nThis document sets out {purpose}.",
        f"## Scope\n\nIt applies to {scope}.",
        "## Policy statement\n\n" + _bullets([commitment, *rng.sample(POLICY_COMMITMENTS, 3)]),
        f"## Roles and responsibilities\n\n{table}",
        f"## Monitoring and review\n\nVersion {version} was approved on {_long(approved)}. The "
        f"{owner} will review it by {_long(review_due)}, or sooner if the law or national "
        "guidance changes.",
        f"## Changes in version {version}\n\n{change}"))
    return {"type": "policy", "slug": slug, "title": title, "version": version,
            "approved": approved.isoformat(), "review_due": review_due.isoformat(),
            "owner": owner, "summary": f"Sets out {purpose}. It applies to {scope}.",
            "body": body}


# --- scrutiny ------------------------------------------------------------------------------

BOARD_OWNERS = ("Chief Constable", "Deputy Chief Constable",
                "Assistant Chief Constable (Local Policing)",
                "Assistant Chief Constable (Crime and Justice)", "Head of Performance, OPCC",
                "Chief Executive")
FORCE_OWNERS = (*BOARD_OWNERS[1:4], "Head of Professional Standards", "Director of People")
CUSTODY_OWNERS = ("Head of Criminal Justice and Custody", "Custody Inspector",
                  "Independent Custody Visiting Scheme Manager")
BOARD_THEMES = (
    "neighbourhood policing and public confidence", "emergency response and call handling",
    "violence against women and girls", "rural and wildlife crime", "road safety",
    "workforce wellbeing and vetting", "finance and productivity", "domestic abuse",
    "serious violence and knife crime", "anti-social behaviour", "investigation standards",
    "the 101 service and online reporting", "child exploitation and missing children",
    "retail and business crime", "drugs and county lines", "victim satisfaction",
    "stop and search and use of force", "professional standards and complaints",
    "burglary and vehicle crime", "fraud and cyber crime", "mental health demand")
BOARD_FINDINGS = (
    "{p1}% of emergency calls were answered within ten seconds, against a target of 90%.",
    "The force recorded {crimes} crimes in the quarter, {dir} {p2}% on a year earlier.",
    "The charge and summons rate was {rate}%.", "{n1} officers joined the force and {n2} left.",
    "{p3}% of victims were satisfied with their first contact with the force.",
    "There were {asb} reports of anti-social behaviour in {town}, {dir2} {p4}% on last year.")
BOARD_QUESTIONS = (
    "How will the force sustain the improvement in {theme} once short-term funding ends?",
    "What can victims in rural areas expect, given longer attendance times outside the towns?",
    "What evidence shows that the force's approach to {theme} is working?",
    "Do the neighbourhood teams in {town} have the staff they need?",
    "What has the force learnt from complaints and victim feedback about {theme}?")
BOARD_ACTIONS = (
    "Provide a breakdown of {theme} performance by district to the next meeting.",
    "Share the force's improvement plan for {theme} with the OPCC.",
    "Report on the use of overtime to cover vacancies in {town}.",
    "Review victim updates in a sample of {theme} cases and report the findings.",
    "Brief the Police and Crime Panel on progress with {theme}.",
    "Publish {theme} data on the force website every quarter.",
    "Arrange for the Commissioner to observe a {town} neighbourhood team briefing.")
# (inspection, recommendations specific to it); the general ones below are added to them
INSPECTIONS = (
    ("PEEL 2023–25 inspection of Fernshire Police",
     ("answer emergency calls within ten seconds in line with the national standard",
      "improve how it identifies and supports repeat and vulnerable victims",
      "make sure officers record the grounds for every stop and search accurately")),
    ("joint inspection of custody in Fernshire",
     ("improve the recording of rights and entitlements given to detainees",
      "make sure detainees who need an appropriate adult get one without delay",
      "review the use of anti-rip clothing and record the reasons for it")),
    ("inspection of the police response to stalking and harassment",
     ("train officers in the use of stalking protection orders",
      "make sure stalking is recognised and recorded correctly when first reported",
      "refer every stalking victim to the stalking advocacy service")),
    ("inspection of vetting, misconduct and misogyny",
     ("make sure all officers and staff hold the right level of vetting for their role",
      "assess and act on counter-corruption intelligence promptly",
      "finish professional standards investigations in good time")),
    ("inspection of neighbourhood policing",
     ("give neighbourhood officers protected time for problem-solving",
      "limit the abstraction of neighbourhood officers to response duties",
      "publish neighbourhood priorities agreed with local communities")),
    ("inspection of digital forensics",
     ("reduce the backlog of digital devices waiting for examination",
      "make sure digital forensic units meet the required accreditation standards",
      "tell victims how long their devices are likely to be kept")),
    ("inspection of the response to burglary and robbery",
     ("attend every home burglary and record the reason where it does not",
      "improve the quality of crime scene investigation for burglary",
      "use crime prevention advice to reduce repeat burglaries")),
    ("inspection of police contact management",
     ("answer emergency calls within ten seconds in line with the national standard",
      "reduce the number of abandoned 101 calls",
      "use a structured risk assessment on every call")),
    ("inspection of child protection in Fernshire",
     ("make child safeguarding referrals within 24 hours",
      "record the voice of the child in every child protection investigation",
      "improve joint working with children's social care out of hours")),
    ("inspection of the response to serious youth violence",
     ("evaluate the impact of its early intervention work with young people",
      "share information on knife crime with schools and youth services",
      "make sure children arrested for violence are seen by a youth worker")),
    ("inspection of the police response to domestic abuse",
     ("complete and record a risk assessment for every domestic abuse incident",
      "make more use of domestic abuse protection notices and orders",
      "make sure every high-risk case is referred to the local MARAC")))
PEEL_AREAS = ("Responding to the public", "Investigating crime", "Protecting vulnerable people",
              "Managing offenders", "Developing a positive workplace", "Good use of resources")
GRADES = ("Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate")
GENERAL_RECOMMENDATIONS = (
    "make sure supervisors review open investigations at least every 28 days",
    "make sure victims are kept updated in line with the Victims' Code",
    "improve how it records the protected characteristics of victims",
    "make sure its training reflects the findings of this inspection",
    "develop a workforce plan for the specialist roles this work needs",
    "set up a way of measuring whether these improvements are working")
INSPECTION_FINDINGS = ("has a clear focus on victims", "has strong leadership",
                       "has made progress since the last inspection", "understands its demand",
                       "works well with partners")
INSPECTION_GAPS = ("improve the consistency of supervision", "reduce delays in investigations",
                   "make better use of its data", "record its decisions more clearly")
RESPONSE_SENTENCES = (
    "The Commissioner welcomes the report and the recognition of the work of officers and staff.",
    "The Commissioner has asked the Chief Constable for a delivery plan with clear milestones.",
    "Progress will be reported to the accountability board and the Joint Audit Committee.",
    "The Commissioner will use the findings to inform the next police and crime plan.")
SUITES = ("Ashbridge custody suite", "Kelham Cross custody suite", "Stowmere custody suite")
ICV_ISSUES = (
    ("A cell call bell at {suite} was not working.",
     "Repair the cell call bell at {suite} and confirm bells are tested daily."),
    ("Some detainees at {suite} had not been offered a shower.",
     "Remind {suite} staff to offer showers and record the offer."),
    ("Stocks of spare clothing and hygiene packs at {suite} were low.",
     "Restock spare clothing and hygiene packs and add them to the weekly stock check."),
    ("Visitors waited {minutes} minutes to be admitted at {suite}.",
     "Remind staff that custody visitors must be admitted without delay."),
    ("A detainee at {suite} had not been given the PACE codes of practice on request.",
     "Make sure the codes of practice are available and offered at {suite}."),
    ("Out-of-hours telephone interpreting at {suite} was delayed.",
     "Review out-of-hours interpreting arrangements for custody."))
# (panel, focus, what it does, learning points)
PANELS = (
    ("Out of court resolutions scrutiny panel", "out of court resolutions",
     "reviews a random sample of cases resolved without going to court, such as conditional "
     "cautions and community resolutions",
     ("Officers did not always record the victim's views before choosing an outcome.",
      "In {n} cases the panel felt a charge would have been more suitable.",
      "Conditions attached to cautions were clear and proportionate.",
      "Referrals to the women's diversion service were well used.")),
    ("Stop and search and use of force scrutiny panel", "stop and search",
     "reviews body-worn video footage and records of stop and search and use of force",
     ("Body-worn video was switched on late in {n} encounters.",
      "The grounds for search were well recorded in most cases.",
      "Officers were polite and calm in the footage reviewed.",
      "Handcuffing was not always explained to the person detained.")),
    ("Police complaints scrutiny panel", "complaint handling",
     "reviews a sample of closed complaint files and the quality of the force's responses",
     ("Letters to complainants were clear, but some used technical language.",
      "In {n} cases the complainant waited more than 12 months for an outcome.",
      "Apologies were offered promptly where the service fell short.",
      "Learning for individual officers was recorded in most files.")))
PANEL_ACTIONS = ("Feed the panel's findings into officer training on {focus}.",
                 "Report back on the {n} cases the panel found inappropriate.",
                 "Review guidance for supervisors on {focus}.",
                 "Give the panel a data pack on disproportionality in {focus}.")
# (measure, lowest and highest plausible value, unit, whether higher is better)
METRICS = (("Total recorded crime", 17_000, 23_000, "", False),
           ("Victim satisfaction", 68, 90, "%", True),
           ("Emergency calls answered within 10 seconds", 72, 95, "%", True),
           ("Average emergency attendance time (minutes)", 9, 16, "", False),
           ("Charge and summons rate", 6, 15, "%", True),
           ("Neighbourhood crime", 2_100, 3_400, "", False))
PERFORMANCE_NOTES = (
    "Shoplifting rose in {town} and {town2}, in line with the national picture.",
    "Attendance times in rural areas are longer than in the towns and are being reviewed.",
    "The force has a plan to bring the charge rate up to the national average.",
    "A new call handling system went live during the quarter.",
    "Burglary in {town} was at its lowest level for five years.")

def _scrutiny(rng: random.Random) -> list[dict]:
    records = (_board_meetings(rng) + _inspection_responses(rng) + _custody_reports(rng)
               + _panel_reports(rng) + _performance_reports(rng))
    records.sort(key=lambda r: (r["date"], r["slug"]))
    return records


def _scrutiny_record(kind: str, slug: str, title: str, day: date, summary: str, body: str,
                     actions: list[dict]) -> dict:
    return {"type": "scrutiny", "slug": slug, "kind": kind, "title": title,
            "date": day.isoformat(), "summary": summary, "body": body, "actions": actions}


def _actions(rng: random.Random, day: date, texts: list[str],
             owners: tuple[str, ...] = BOARD_OWNERS) -> list[dict]:
    actions = []
    for text in texts:
        due = _month_end(day + timedelta(days=rng.choice((30, 60, 90, 120, 180, 270))))
        if due < CUTOFF - timedelta(days=90):
            weights = (1, 2, 12)
        elif due < CUTOFF:
            weights = (3, 4, 3)
        else:
            weights = (6, 3, 1)
        actions.append({"action": text, "owner": rng.choice(owners), "due": due.isoformat(),
                        "status": rng.choices(STATUSES, weights=weights)[0]})
    return actions


def _meeting_days(rng: random.Random, count: int) -> list[date]:
    months = sorted(rng.sample(range(43), count))  # April 2023 to October 2026
    return [_weekday(_month_start(m) + timedelta(days=rng.randint(4, 24))) for m in months]


def _board_meetings(rng: random.Random) -> list[dict]:
    records, themes = [], rng.sample(BOARD_THEMES, len(BOARD_THEMES))
    for day, theme in zip(_meeting_days(rng, 20), themes, strict=False):
        town, town2 = rng.sample(TOWNS, 2)
        values = {"theme": theme, "town": town, "p1": rng.randint(71, 94), "p2": rng.randint(2, 14),
                  "crimes": f"{rng.randint(17_000, 23_000):,}", "dir": rng.choice(("down", "up")),
                  "rate": f"{rng.uniform(6.5, 14):.1f}", "n1": rng.randint(20, 80),
                  "n2": rng.randint(15, 60), "p3": rng.randint(68, 91),
                  "asb": rng.randint(150, 900), "p4": rng.randint(2, 19),
                  "dir2": rng.choice(("down", "up"))}
        findings = [s.format(**values) for s in rng.sample(BOARD_FINDINGS, 3)]
        questions = [s.format(**values) for s in rng.sample(BOARD_QUESTIONS, rng.randint(2, 3))]
        texts = [s.format(**values) for s in rng.sample(BOARD_ACTIONS, rng.randint(2, 5))]
        body = (f"## Purpose\n\nThe accountability board is where the Commissioner holds the "
                f"Chief Constable to account in public. This meeting, held in {town2}, focused "
                f"on {theme}.\n\n## Key points from the force's report\n\n{_bullets(findings)}"
                f"\n\n## The Commissioner's questions\n\n{_bullets(questions)}\n\n## Outcome\n\n"
                f"The Commissioner agreed {len(texts)} actions, listed below, which will be "
                "followed up at the next meeting.")
        summary = (f"The Commissioner questioned the Chief Constable on {theme}. "
                   f"{len(texts)} actions were agreed.")
        records.append(_scrutiny_record(
            "Accountability board meeting", f"accountability-board-{day.isoformat()}",
            f"Accountability board, {_long(day)}: {theme}", day, summary, body,
            _actions(rng, day, texts)))
    return records


def _inspection_responses(rng: random.Random) -> list[dict]:
    records = []
    inspections = rng.sample(INSPECTIONS, 10)
    for day, (name, specific) in zip(_meeting_days(rng, 10), inspections, strict=True):
        published = day - timedelta(days=rng.randint(20, 50))
        recs = [*specific, *rng.sample(GENERAL_RECOMMENDATIONS, rng.randint(0, 5))]
        body = (f"## The inspection\n\nHMICFRS published its {name} on {_long(published)}. "
                f"Inspectors found that the force {rng.choice(INSPECTION_FINDINGS)}, but that "
                f"it needs to {rng.choice(INSPECTION_GAPS)}.")
        if name.startswith("PEEL"):
            grades = [(area, rng.choices(GRADES, weights=(1, 4, 5, 3, 1))[0])
                      for area in PEEL_AREAS]
            body += "\n\n" + _table(("Area", "Grade"), grades)
        body += ("\n\n## The Commissioner's response\n\n"
                 + " ".join(rng.sample(RESPONSE_SENTENCES, 2))
                 + " This response is published under section 55 of the Police Act 1996."
                 + f"\n\n## Recommendations\n\nThe report made {len(recs)} recommendations for "
                 "Fernshire Police:\n\n" + _bullets([f"The force should {r}." for r in recs]))
        texts = [f"Recommendation {i}: Fernshire Police should {r}." for i, r in
                 enumerate(recs, 1)]
        summary = (f"The Commissioner's response to the HMICFRS {name}. The report made "
                   f"{len(recs)} recommendations, which are tracked below.")
        records.append(_scrutiny_record(
            "HMICFRS inspection response", _slug(f"hmicfrs {name} response {day.year}"),
            f"Response to the HMICFRS {name}", day, summary, body,
            _actions(rng, day, texts, FORCE_OWNERS)))
    return records


def _quarter_end(fy: int, quarter: int) -> date:
    return {1: date(fy, 6, 30), 2: date(fy, 9, 30), 3: date(fy, 12, 31),
            4: date(fy + 1, 3, 31)}[quarter]


def _quarters(first: tuple[int, int], count: int) -> list[tuple[int, int]]:
    fy, quarter, result = *first, []
    for _ in range(count):
        result.append((fy, quarter))
        fy, quarter = (fy + 1, 1) if quarter == 4 else (fy, quarter + 1)
    return result


def _custody_reports(rng: random.Random) -> list[dict]:
    records = []
    for fy, quarter in _quarters((2023, 1), 14):
        day = _weekday(_quarter_end(fy, quarter) + timedelta(days=rng.randint(12, 28)))
        rows = [(suite, rng.randint(4, 9), rng.randint(8, 40), rng.randint(5, 25))
                for suite in SUITES]
        issues = [(i.format(suite=s, minutes=m), a.format(suite=s))
                  for (i, a), s, m in zip(rng.sample(ICV_ISSUES, rng.randint(0, 3)),
                                          rng.choices(SUITES, k=3), (15, 20, 25), strict=False)]
        found = _bullets([i for i, _ in issues]) if issues else \
            "Visitors raised no significant issues this quarter."
        body = ("## About the scheme\n\nIndependent custody visitors are volunteers who make "
                "unannounced visits to police custody to check on the rights, wellbeing and "
                "dignity of detainees.\n\n## Visits this quarter\n\n"
                + _table(("Custody suite", "Visits", "Detainees held", "Spoken to"), rows,
                         "---:")
                + f"\n\n## Issues raised\n\n{found}")
        label = f"quarter {quarter}, {_fy_label(fy)}"
        visits = sum(row[1] for row in rows)
        raised = {0: "No issues were", 1: "One issue was"}.get(len(issues),
                                                               f"{len(issues)} issues were")
        summary = f"Custody visitors made {visits} visits in {label}. {raised} raised."
        records.append(_scrutiny_record(
            "Independent custody visiting report",
            f"icv-report-{fy}-{fy % 100 + 1:02d}-q{quarter}",
            f"Independent custody visiting report: {label}", day, summary, body,
            _actions(rng, day, [a for _, a in issues], CUSTODY_OWNERS)))
    return records


def _panel_reports(rng: random.Random) -> list[dict]:
    records = []
    for day in _meeting_days(rng, 10):
        name, focus, about, learning = rng.choice(PANELS)
        cases, poor, n = rng.randint(12, 30), rng.randint(0, 4), rng.randint(2, 5)
        good = rng.randint(cases // 2, cases - poor)
        rows = [("Appropriate", good), ("Appropriate, with observations", cases - good - poor),
                ("Not appropriate", poor)]
        points = [p.format(n=n) for p in rng.sample(learning, 3)]
        body = (f"## About the panel\n\nThe panel is made up of independent members of the "
                f"public. It {about}.\n\n## Cases reviewed\n\n"
                + _table(("Finding", "Cases"), rows, "---:")
                + f"\n\n## Learning points\n\n{_bullets(points)}")
        texts = [a.format(focus=focus, n=poor) for a in
                 rng.sample(PANEL_ACTIONS, rng.randint(0, 3)) if poor or "{n}" not in a]
        summary = (f"The panel reviewed {cases} cases and found {poor} not appropriate. "
                   "Its learning points have been shared with the force.")
        records.append(_scrutiny_record(
            "Scrutiny panel", _slug(f"{name} {day.isoformat()}"), f"{name}, {day:%B %Y}", day,
            summary, body, _actions(rng, day, texts, FORCE_OWNERS)))
    return records


def _performance_reports(rng: random.Random) -> list[dict]:
    records = []
    for fy, quarter in _quarters((2023, 4), 10):
        day = _weekday(_quarter_end(fy, quarter) + timedelta(days=rng.randint(35, 60)))
        rows, notes = [], []
        for name, low, high, unit, higher_is_better in METRICS:
            before = rng.randint(low, high)
            now = max(low, min(high, round(before * rng.uniform(0.9, 1.1))))
            better = now > before if higher_is_better else now < before
            trend = "No change" if now == before else "Better" if better else "Worse"
            rows.append((name, f"{now:,}{unit}", f"{before:,}{unit}", trend))
            if trend != "No change":
                notes.append(f"{name} was {now:,}{unit}, against {before:,}{unit} a year earlier.")
        town, town2 = rng.sample(TOWNS, 2)
        notes = [*rng.sample(notes, min(2, len(notes))),
                 rng.choice(PERFORMANCE_NOTES).format(town=town, town2=town2)]
        label = f"quarter {quarter}, {_fy_label(fy)}"
        body = (f"## Overview\n\nThis report sets out how Fernshire Police performed against the "
                f"police and crime plan in {label}.\n\n## Headline measures\n\n"
                + _table(("Measure", "This quarter", "Same quarter last year", "Change"), rows)
                + f"\n\n## Commentary\n\n{_bullets(notes)}")
        texts = rng.sample(("Explain the rise in rural attendance times at the next board.",
                            "Provide victim satisfaction results broken down by crime type."),
                           rng.randint(0, 2))
        records.append(_scrutiny_record(
            "Performance report", f"performance-report-{fy}-{fy % 100 + 1:02d}-q{quarter}",
            f"Police and crime plan performance report: {label}", day,
            f"Performance against the police and crime plan in {label}. {notes[0]}", body,
            _actions(rng, day, texts)))
    return records


# --- HMICFRS reports -----------------------------------------------------------------------

HMICFRS = "https://hmicfrs.justiceinspectorates.gov.uk/publications/"
RESPONSE_OWNER = "chief.executive@fernshire-pcc.example"
# (title, type, published, response published or None, recommendations' theme in INSPECTIONS
# or None, whether the force is a subject). Most responses come on time; the custody one
# came late; neighbourhood policing is due soon and contact management due, as the demo's
# late November stands.
HMICFRS_REPORTS = (
    ("PEEL 2023–25: an inspection of Fernshire Police", "PEEL inspection",
     date(2024, 5, 16), date(2024, 7, 4), 0, True),
    ("The police response to stalking and harassment", "Thematic inspection",
     date(2024, 9, 12), date(2024, 10, 31), 2, True),
    ("State of Policing: the annual assessment of policing in England and Wales 2024",
     "National inspection", date(2025, 1, 23), None, None, False),
    ("Joint inspection of police custody in Fernshire", "Force-specific inspection",
     date(2025, 3, 20), date(2025, 5, 22), 1, True),
    ("Vetting, misconduct and misogyny in the police service", "Thematic inspection",
     date(2025, 7, 3), date(2025, 8, 21), 3, True),
    ("Digital forensics: a review of the police service's capability", "Thematic inspection",
     date(2025, 11, 27), date(2026, 1, 15), 5, True),
    ("PEEL 2025–27: an inspection of Fernshire Police", "PEEL inspection",
     date(2026, 4, 23), date(2026, 6, 11), 7, True),
    ("Neighbourhood policing: an inspection of how forces prevent crime locally",
     "Thematic inspection", date(2026, 10, 14), None, 4, True),
    ("Police contact management: how forces answer the public", "Thematic inspection",
     date(2026, 11, 12), None, 6, True),
)
AREAS_FOR_IMPROVEMENT = (
    "The force should improve how it records the outcome of each call for service.",
    "The force should make sure supervisors check the quality of victim needs assessments.",
    "The force should improve how it uses data to understand demand.",
    "The force should make sure its workforce reflects the communities it serves.")
RECOMMENDATION_RESPONSES = (
    "Accepted. The force has set up a delivery group led by {owner}, reporting to the "
    "Commissioner's accountability board every quarter.",
    "Accepted. {owner} will lead the work; funding is already in this year's budget.",
    "Accepted in part. The force already does this in most areas; {owner} will close the "
    "remaining gaps.")
PROGRESS_UPDATES = (
    "Delivery plan agreed and shared with the OPCC.",
    "Training completed by most of the teams concerned.",
    "Audit of a sample of cases shows improvement; a further audit is planned.",
    "New process in place across every district.")
CLOSURES = (
    "An audit of {count} cases by the force's inspection team found the new standard met in "
    "all but a few.",
    "The accountability board accepted the force's evidence that the change is in place and "
    "working.",
    "HMICFRS confirmed the recommendation as met at its revisit.")


def _hmicfrs_reports(rng: random.Random, scrutiny: list[dict]) -> list[dict]:
    boards = [(date.fromisoformat(r["date"]), r["slug"]) for r in scrutiny
              if r["kind"] == "Accountability board meeting"]
    return [_hmicfrs_report(rng, boards, *report) for report in HMICFRS_REPORTS]


def _hmicfrs_report(rng: random.Random, boards: list[tuple[date, str]], title: str,
                    kind: str, published: date, responded: date | None, theme: int | None,
                    subject: bool) -> dict:
    slug = _slug(f"{title} {published.year}")
    record = {"type": "inspection", "slug": slug, "title": title, "inspection_type": kind,
              "date": published.isoformat(), "report_url": HMICFRS + slug + "/",
              "force_is_subject": subject,
              "summary": f"HMICFRS published this report on {_long(published)}. Inspectors "
                         f"found that the force {rng.choice(INSPECTION_FINDINGS)}, but that "
                         f"it needs to {rng.choice(INSPECTION_GAPS)}.",
              "response_owner_email": RESPONSE_OWNER if subject else "",
              "pcc_comments": "", "chief_constable_comments": "", "response": "",
              "response_published_on": None, "recommendations": []}
    if theme is None:
        return record
    if responded is not None:
        record |= {
            "pcc_comments": " ".join(rng.sample(RESPONSE_SENTENCES, 2)),
            "chief_constable_comments": "The Chief Constable accepts the report's findings "
                                        "and has put a delivery plan in place for each "
                                        "recommendation.",
            "response": "## Our response\n\nThe Commissioner and the Chief Constable accept "
                        "the recommendations. What is being done about each one is set out "
                        "below, and progress is reported to the accountability board.",
            "response_published_on": responded.isoformat()}
    record["recommendations"] = _recommendations(rng, boards, theme, published, responded)
    return record


def _recommendations(rng: random.Random, boards: list[tuple[date, str]], theme: int,
                     published: date, responded: date | None) -> list[dict]:
    texts = [*INSPECTIONS[theme][1], *rng.sample(GENERAL_RECOMMENDATIONS, 2)]
    rows = [{"label": str(number), "finding": "recommendation",
             "text": f"By {_long(_month_end(published + timedelta(days=180)))}, "
                     f"Fernshire Police should {text}."}
            for number, text in enumerate(texts, start=1)]
    rows += [{"label": f"AFI {number}", "finding": "area for improvement", "text": text}
             for number, text in enumerate(rng.sample(AREAS_FOR_IMPROVEMENT, 2), start=1)]
    for row in rows:
        row |= _chain(rng, boards, published, responded)
    return rows


def _chain(rng: random.Random, boards: list[tuple[date, str]], published: date,
           responded: date | None) -> dict:
    """A recommendation's response, action, progress and (for older reports) closure."""
    owner = rng.choice(FORCE_OWNERS)
    due = _month_end(published + timedelta(days=rng.choice((120, 180, 270, 365))))
    if responded is None:  # still being drafted: some have their response already
        response = rng.choice(RECOMMENDATION_RESPONSES).format(owner=owner) \
            if rng.random() < 0.5 else ""
        return {"response": response, "owner": owner if response else "",
                "due": due.isoformat() if response else None, "status": "open"}
    age = (CUTOFF - responded).days
    weights = (1, 2, 6) if age > 500 else (2, 5, 2) if age > 150 else (5, 3, 0)
    status = rng.choices(("open", "in progress", "closed"), weights=weights)[0]
    updates = sorted(_random_day(rng, responded + timedelta(days=20), CUTOFF)
                     for _ in range(0 if status == "open" else rng.randint(1, 3)))
    chain = {"response": rng.choice(RECOMMENDATION_RESPONSES).format(owner=owner),
             "owner": owner, "due": due.isoformat(), "status": status,
             "progress": [{"date": day.isoformat(), "update": text} for day, text in
                          zip(updates, PROGRESS_UPDATES, strict=False)]}
    discussed = [slug for day, slug in boards if responded < day <= CUTOFF]
    if discussed:
        chain["scrutiny"] = rng.sample(discussed, min(len(discussed), rng.randint(0, 2)))
    if status == "closed":
        closed = updates[-1] + timedelta(days=rng.randint(5, 30))
        chain |= {"closed_on": min(closed, CUTOFF).isoformat(),
                  "closure_evidence": rng.choice(CLOSURES).format(count=rng.randint(40, 120))}
    return chain
