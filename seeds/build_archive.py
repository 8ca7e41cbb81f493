"""Regenerate `xiaomi-news-archive.xml`, the offline RSS 2.0 sample bundled with Hindsight.

Why a script: the archive is hand-written prose (one neutral summary per public report), and
keeping that prose in one plain data structure makes it easy to correct a sentence and rebuild
byte-identical XML, instead of hand-editing escaped markup. The script reads nothing but itself.

Every title and description paraphrases the facts of the linked report in our own words; numbers,
dates and names are kept exactly as reported. Publication times are set to 12:00 UTC on the
report's date because most sources give only a day.

Usage: `python seeds/build_archive.py` (writes next to this file), or `--check` to exit non-zero
when the committed XML differs from what the script would write.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

ARCHIVE_PATH = Path(__file__).with_name("xiaomi-news-archive.xml")
GUID_PREFIX = "hindsight-archive-"
CHANNEL_TITLE = "Hindsight bundled archive: Xiaomi EV news 2021-2026"
CHANNEL_LINK = "https://leixing77.medium.com/xiaomi-smart-ev-is-alive-whats-next-f1a17ccbda0f"
CHANNEL_DESCRIPTION = (
    "An offline sample feed shipped with Hindsight for demos and tests. Each item is a short, "
    "neutral paraphrase of the facts in a public news report about Xiaomi's electric-vehicle "
    "business, other carmakers or Xiaomi's other businesses (April 2021 to February 2026), and "
    "links to that report. Titles and descriptions are written for this archive and are not the "
    "outlets' own words; item dates are the report or event dates at 12:00 UTC."
)


class ArchiveItem(NamedTuple):
    """One archive entry: where the report lives and our own summary of its facts."""

    key: str
    day: date
    outlet: str
    url: str
    title: str
    description: str


ITEMS: tuple[ArchiveItem, ...] = (
    ArchiveItem(
        "X001",
        date(2021, 4, 6),
        "BigTech (bigtech.cc)",
        "https://www.bigtech.cc/xiaomis-first-car-will-be-a-sedan-or-suv-priced-at-less-than-300000-yuan/",
        "Lei Jun: Xiaomi's debut vehicle to be a high-end sedan or SUV",
        "During a livestream on 6 April 2021, Lei Jun said Xiaomi's first vehicle would be either "
        "a sedan or an SUV, priced at roughly 100,000-300,000 yuan and aimed at the high-end "
        "market. The author of the report had anticipated a product costing under 100,000 yuan.",
    ),
    ArchiveItem(
        "X003",
        date(2021, 4, 8),
        "BigTech (bigtech.cc)",
        "https://www.bigtech.cc/lei-jun-a-xiaomi-car-maker-wants-to-pick-up-baowo-at-an-ultra-low-price-informed-person-lu-zhengyao-promised-blood-loss/",
        "Borgward reportedly furthest along in Xiaomi talks, but negotiations stalled",
        "Citing Yuguan Auto Market, the site said Borgward (Baowo) had gone further than anyone in "
        "talks with Xiaomi Motors, though the negotiations had since stalled. Borgward sold 8,740 "
        "cars in 2020, 84% fewer than a year earlier.",
    ),
    ArchiveItem(
        "X004",
        date(2021, 4, 26),
        "Zhongshun Xinneng (zoncell.com), reprint of Xiaomi Group announcement",
        "https://zoncell.com/en/小米正式进入电动车领域",
        "Xiaomi to form wholly-owned smart EV subsidiary headed by Lei Jun",
        "Xiaomi Group announced that a wholly-owned subsidiary will run its smart EV business. The "
        "first phase of investment is 10 billion yuan, and the group expects to put in 10 billion "
        "dollars over the next 10 years. Lei Jun, the group's chief executive, is to lead the "
        "smart EV business too.",
    ),
    ArchiveItem(
        "X005",
        date(2021, 7, 16),
        "Business Insider",
        "https://www.businessinsider.com/xiaomi-apple-samsung-vivo-oppo-smartphone-canalys-cell-phone-iphone-2021-7",
        "Canalys: Xiaomi passes Apple for second place in Q2 2021 smartphone shipments",
        "Canalys Q2 2021 figures gave Samsung 19% of smartphone shipments, Xiaomi 17% and Apple "
        "14%. Xiaomi's shipments rose 83%, putting it in second place ahead of Apple for the first "
        "time.",
    ),
    ArchiveItem(
        "X009",
        date(2021, 9, 3),
        "TechNode",
        "https://technode.com/2021/09/03/five-things-to-know-about-xiaomis-new-electric-car-company/",
        "Xiaomi EV, based in Beijing's Yizhuang, hires about 300 of 20,000 applicants",
        "Xiaomi EV is owned outright by Xiaomi and based in the Yizhuang area of Beijing. The unit "
        "had taken on about 300 people from 20,000 applicants; its core staff include Li "
        "Tianyuan, formerly the exterior designer of BMW's iX. LatePost said senior members "
        "recruited from other car companies were absent from the team photo.",
    ),
    ArchiveItem(
        "X010",
        date(2021, 9, 10),
        "Deccan Herald (Reuters)",
        "https://www.deccanherald.com/business/china-evergrande-in-talks-with-xiaomi-consortium-to-sell-ev-unit-stake-1021625.html",
        "Evergrande weighs selling part of Evergrande NEV stake to Xiaomi, Shenzhen firms",
        "Evergrande was negotiating with Xiaomi and state-backed Shenzhen companies over selling "
        "part of its 65% holding in Evergrande NEV, whose market capitalisation was $12.5 billion. "
        "Evergrande confirmed preliminary discussions on Xiaomi becoming a strategic shareholder.",
    ),
    ArchiveItem(
        "X011",
        date(2021, 9, 13),
        "South China Morning Post",
        "https://www.scmp.com/tech/big-tech/article/3148545/xiaomi-talks-electric-vehicles-state-owned-carmaker-faw-group-it",
        "Xiaomi and FAW Group discuss electric-car cooperation in Jilin",
        "Xiaomi met state-owned FAW Group in Jilin for what were described as 'in-depth' "
        "discussions on working together on electric cars. Xiaomi had also invested in several "
        "autonomous-driving companies.",
    ),
    ArchiveItem(
        "X013",
        date(2021, 11, 27),
        "South China Morning Post",
        "https://www.scmp.com/tech/big-tech/article/3157609/xiaomi-build-its-first-electric-vehicle-factory-beijing-suburb",
        "Lei Jun signs Yizhuang agreement for two-phase Xiaomi EV factory",
        "Lei Jun signed an agreement with officials of the Yizhuang economic development zone for "
        "an EV plant. It is to go up in two phases, each able to turn out 150,000 units a year.",
    ),
    ArchiveItem(
        "X015",
        date(2022, 3, 25),
        "EqualOcean",
        "https://equalocean.com/analysis/2022032517184",
        "Xiaomi says car project beat expectations; mass production planned for H1 2024",
        "With its FY2021 results, Xiaomi said its car business had 'exceeded expectations', "
        "counting more than 1,000 R&D staff, and that mass production is planned for H1 2024. "
        "Xiaomi had invested in battery makers Ganfeng, SVolt, CALB and Cosmx and in "
        "autonomous-driving start-ups ZongMu, Momenta, Idriverplus and DeepMotion.",
    ),
    ArchiveItem(
        "X019",
        date(2023, 2, 21),
        "Pandaily",
        "https://pandaily.com/xiaomis-auto-business-loses-its-head-of-marketing/",
        "Former Wuling marketing chief Zhou Xing leaves Xiaomi Auto",
        "Zhou Xing, who ran marketing at SAIC-GM-Wuling while the Hongguang Mini EV took off, "
        "joined Xiaomi Auto in Aug 2022 and had left several weeks before the report. On 9 Feb "
        "2023 Lei Jun gave a 15-20-year horizon for becoming a top-five carmaker.",
    ),
    ArchiveItem(
        "X020",
        date(2023, 8, 24),
        "electrive",
        "https://electrive.com/2023/08/24/chinese-state-planner-approves-of-xiaomis-ev-plans",
        "NDRC approves Xiaomi to make EVs; MIIT clearance still needed",
        "The NDRC gave Xiaomi approval to manufacture EVs, only the fourth such approval since "
        "end-2017; clearance from MIIT was still outstanding. Xiaomi had reportedly finished its "
        "Beijing plant, was due to begin production in December 2023 and aimed for output of "
        "200,000 cars in 2024.",
    ),
    ArchiveItem(
        "X021",
        date(2023, 10, 17),
        "Business Standard",
        "https://www.business-standard.com/technology/tech-news/xiaomi-to-replace-miui-with-hyperos-on-smartphones-starting-with-14-series-123101700393_1.html",
        "Xiaomi announces HyperOS to phase out MIUI, first on Xiaomi 14 series",
        "Xiaomi announced HyperOS, an operating system built on Android that will progressively "
        "take over from MIUI. It appears first on the Xiaomi 14 series and will later run across "
        "the company's broader device ecosystem.",
    ),
    ArchiveItem(
        "X023",
        date(2023, 12, 20),
        "Vietnam Insider",
        "https://vietnaminsider.vn/xiaomi-revealed-a-huge-investment-in-its-first-electric-car/",
        "Lei Jun: 3,400 engineers and over 1 billion EUR of R&D behind Xiaomi car",
        "Speaking to Chinese media, Lei Jun said 3,400 engineers worked on the car project, backed "
        "by R&D spending of more than 1 billion EUR, about 10 times the resources the industry "
        "normally commits.",
    ),
    ArchiveItem(
        "X025",
        date(2023, 12, 29),
        "BNN Breaking",
        "https://bnnbreaking.com/finance-nav/business/xiaomi-enters-ev-race-with-high-tech-sedan-su7-aims-to-transform-global-automobile-industry/",
        "Xiaomi unveils SU7 sedan, its first EV, in 668 km and 800 km versions",
        "Xiaomi presented the SU7 sedan, its first electric vehicle, with a choice of 668 km or "
        "800 km of range. Lei Jun set a goal of ranking among the world's top five carmakers "
        "within 15-20 years and signalled that the car would carry a high price.",
    ),
    ArchiveItem(
        "X027",
        date(2024, 1, 1),
        "Newsflash.city",
        "https://newsflash.city/2401/d4a9cdcbf8d6cdcd.html",
        "Former Haval general manager Li Xiaorui joins Xiaomi Auto",
        "Li Xiaorui, previously general manager of Great Wall's Haval brand and before that at "
        "SAIC-Volkswagen, has moved to Xiaomi Auto. Other reported arrivals are Wen Fei, another "
        "former Haval general manager, and Hu Zhengnan, who once headed the Geely Research "
        "Institute, as senior consultant on the SU7.",
    ),
    ArchiveItem(
        "X028",
        date(2024, 1, 3),
        "Western Standard",
        "https://www.westernstandard.news/news/chinas-electric-vehicle-sales-outpaced-tesla-in-last-quarter-of-2023/51410",
        "BYD outsells Tesla in battery-only vehicles for the first time in Q4 2023",
        "BYD's Q4 2023 sales of battery-only vehicles reached a record 526,000, ahead of Tesla's "
        "484,500, the first time BYD has come out on top. Across 2023 Tesla sold 1.8 million "
        "vehicles, while BYD sold more than 3 million NEVs.",
    ),
    ArchiveItem(
        "X030",
        date(2024, 1, 24),
        "TweakTown",
        "https://www.tweaktown.com/news/95777/apple-car-delayed-until-2028-less-ambitious-design-with-downgrade-to-level-2-autonomy/index.html",
        "Bloomberg: Apple car slips to 2028 at the earliest, autonomy scaled back",
        "According to Bloomberg, Apple has moved its car to 2028 at the earliest and reduced its "
        "autonomy plan to Level 2+. Its previous targets had been 2026 and 2024.",
    ),
    ArchiveItem(
        "X032",
        date(2024, 3, 29),
        "Beijing Impact",
        "https://beijingimpact.com/manufacturing/2815-xiaomi-su7-ev-surpass-apple-car.html",
        "Xiaomi SU7 launches at 215,900 CNY, logs 50,000 paid orders in 27 minutes",
        "The SU7 went on sale on 28 Mar 2024 at 215,900 CNY, with the Pro at 245,900 and the Max "
        "at 299,900. Orders reached 10,000 within 4 minutes, and 50,000 orders backed by a down "
        "payment came in within 27 minutes. Coverage cited the FT on Xiaomi producing its first "
        "car in only three years and Business Insider questioning how Xiaomi managed what Apple "
        "spent ten years on.",
    ),
    ArchiveItem(
        "X036",
        date(2024, 4, 3),
        "Liberty Times Net (Taiwan)",
        "https://ec.ltn.com.tw/amp/article/breakingnews/4629064",
        "Lei Jun: more than 100,000 deposits placed and 40,000 orders locked",
        "At the first-delivery ceremony, Lei Jun said more than 100,000 people had put down "
        "refundable 5,000-yuan deposits and 40,000 orders had been locked in. Suppliers were "
        "reportedly asked to lift capacity from 6,000 to 10,000 cars a month. The shares fell "
        "3.81% to HK$15.66.",
    ),
    ArchiveItem(
        "X039",
        date(2024, 5, 6),
        "Car-EVs",
        "https://www.car-evs.com/news/xiaomi-ev-delivers-7-058-xiaomi-su7-cars-in-april-174624.html",
        "Xiaomi hands over 7,058 SU7s in April 2024, backlog at 88,063",
        "Xiaomi delivered 7,058 SU7 cars in April 2024 and had a backlog of 88,063 as of 30 April. "
        "Of the buyers, 28% were women, 29% owned BMW, Mercedes or Audi cars and 52.5% used Apple "
        "products.",
    ),
    ArchiveItem(
        "X040",
        date(2024, 5, 30),
        "EVhicle",
        "https://evhicle.org/2024/05/30/xiaomi-denies-evergrande-nev-stake-acquisition-rumors/",
        "Xiaomi denies rumours it will buy 58.5% of Evergrande NEV",
        "Xiaomi denied rumours that it would take a 58.5% stake in Evergrande NEV in order to use "
        "its factories. It said it was raising output at the plants it already has so as to "
        "deliver 100,000 units in 2024, with 120,000 as a stretch goal.",
    ),
    ArchiveItem(
        "X042",
        date(2024, 8, 1),
        "EVMagz",
        "https://evmagz.com/xiaomi-expands-ev-manufacturing-with-second-phase-of-beijing-factory",
        "Work starts on phase two of Xiaomi's Beijing EV plant in Yizhuang",
        "Construction of phase two of Xiaomi's Beijing EV factory, at Majuqiao in Yizhuang, began "
        "on 26 Jul 2024. The day before, a Xiaomi affiliate had won a 531,130 m2 plot next to the "
        "existing plant for RMB842 million.",
    ),
    ArchiveItem(
        "X043",
        date(2024, 8, 1),
        "ResearchInChina",
        "http://researchinchina.com/Htmls/Report/2024/75011.html",
        "Report: Xiaomi devoted 3,400 engineers and RMB10 billion to first car",
        "A ResearchInChina report says Xiaomi committed 3,400 engineers and RMB10 billion of R&D "
        "to its first car, RMB4.7 billion of it for intelligent driving with a team of over 1,000. "
        "It counts a 'huge fan base' among Xiaomi's strengths; MIUI had 641 million monthly "
        "active users in Q4 2023.",
    ),
    ArchiveItem(
        "X047",
        date(2024, 9, 10),
        "Electrek",
        "https://electrek.co/2024/09/10/xpeng-asks-suppliers-keep-up-mona-m03-ev-averages-over-2k-new-orders-day",
        "Xpeng MONA M03 priced from RMB119,800, tops 30,000 pre-orders in 48 hours",
        "Xpeng launched the MONA M03 with prices starting at RMB119,800. It collected more than "
        "30,000 pre-orders in 48 hours and afterwards took over 2,000 orders a day on average.",
    ),
    ArchiveItem(
        "X049",
        date(2024, 11, 20),
        "CnEVPost",
        "https://cnevpost.com/2024/11/20/nio-q3-2024-earnings-call",
        "Nio aims to double sales in 2025 and turn a full-year profit in 2026",
        "On its Q3 2024 earnings call, Nio said it is confident it can double its sales in 2025 "
        "and aims to be profitable for the whole of 2026. The first model of its Firefly brand is "
        "due for delivery in H1 2025.",
    ),
    ArchiveItem(
        "X051",
        date(2025, 1, 3),
        "Evertiq",
        "https://evertiq.com/design/57017",
        "Lei Jun tells Reuters Xiaomi aims for 300,000 deliveries in 2025",
        "Xiaomi aims to deliver 300,000 vehicles in 2025, Lei Jun said in an interview with "
        "Reuters, after delivering 135,000 in 2024.",
    ),
    ArchiveItem(
        "X053",
        date(2025, 3, 18),
        "Daily8 (Reuters syndication)",
        "https://www.daily8.com/en/article/83d65918d02c5df3a5a96450cde4a9b4",
        "Xiaomi lifts 2025 EV delivery goal to 350,000, eyes overseas shipments in 2027",
        "Xiaomi increased its 2025 EV delivery target to 350,000 from 300,000. EV revenue in 2024 "
        "was 32.1 billion yuan on more than 135,000 SU7 deliveries, while EV and new initiatives "
        "posted an adjusted loss of 6.2 billion yuan. The company plans to start shipping cars "
        "overseas in 2027.",
    ),
    ArchiveItem(
        "X057",
        date(2025, 3, 25),
        "Asia Financial (Reuters)",
        "https://www.asiafinancial.com/share-sale-by-chinas-xiaomi-raises-5-5bn-boosts-its-ev-plans",
        "Xiaomi raises $5.5 billion in upsized share sale at HK$53.25",
        "Xiaomi issued 800 million new shares priced at HK$53.25, up from a planned 750 million, "
        "raising $5.5 billion for business expansion and R&D. More than 200 investors put in bids, "
        "and the shares dropped 5.3%.",
    ),
    ArchiveItem(
        "X059",
        date(2025, 4, 1),
        "Caixin Global",
        "https://www.caixinglobal.com/2025-04-01/deadly-crash-casts-shadow-over-xiaomis-ev-ambitions-102304840.html",
        "Three university students killed as SU7 hits expressway divider in Anhui",
        "At about 10:44 pm on 29 Mar 2025, an SU7 struck a concrete divider on an expressway in "
        "Tongling, Anhui, and three university students died. NOA was engaged and the car was "
        "doing 116 km/h. Xiaomi's shares dropped nearly 5%.",
    ),
    ArchiveItem(
        "X061",
        date(2025, 5, 19),
        "CarNewsChina",
        "https://carnewschina.com/?p=222673",
        "Xiaomi buyers dispute 42,000 RMB carbon-fibre hood option",
        "Buyers took issue with a carbon-fibre hood option priced at 42,000 RMB. Xiaomi told "
        "pre-order holders who wanted to cancel that production would not proceed unless they got "
        "in touch within 60 days.",
    ),
    ArchiveItem(
        "X063",
        date(2025, 6, 4),
        "The Herald (Reuters)",
        "https://www.theherald.co.za/business/2025-06-04-xiaomi-ceo-expects-ev-business-to-turn-profitable-in-second-half-of-2025/",
        "Lei Jun sees Xiaomi's car unit in the black in H2 2025",
        "Lei Jun expects the car business to make a profit in H2 2025. In Q1 2025, EV, AI and new "
        "projects lost 500 million yuan, with EV revenue of 18.1 billion yuan; YU7 sales start in "
        "July.",
    ),
    ArchiveItem(
        "X064",
        date(2025, 6, 27),
        "Hürriyet Daily News (AFP)",
        "https://www.hurriyetdailynews.com/xiaomi-receives-almost-300-000-suv-pre-orders-in-minutes-210819",
        "Xiaomi YU7 SUV launches from 253,500 yuan, draws 289,000 pre-orders in an hour",
        "Xiaomi launched the YU7 SUV on 26 Jun 2025 with a starting price of 253,500 yuan. Within "
        "two minutes it had taken 196,000 paid pre-orders plus 128,000 lock-in orders, and "
        "pre-orders stood at 289,000 after the first hour. The shares climbed as much as 8%, to a "
        "record.",
    ),
    ArchiveItem(
        "X068",
        date(2025, 10, 13),
        "AsianFin",
        "https://www.asianfin.com/articles/196264",
        "Xiaomi shares slide up to 8.7% after SU7 crash and fire in Chengdu",
        "An SU7 crashed in Chengdu and caught fire; bystanders were unable to open the doors and "
        "an occupant was trapped. Xiaomi's shares slid by up to 8.7%, their largest fall since "
        "April.",
    ),
    ArchiveItem(
        "X069",
        date(2025, 10, 13),
        "HDmotori (Italian)",
        "https://www.hdmotori.it/xiaomi-yu9-nuovo-suv-anticipazioni-foto-spia-test/",
        "Xiaomi tests third model, the large YU9 SUV, in Xinjiang",
        "Xiaomi is testing its third model, a large SUV called 'YU9' that reportedly has a range "
        "extender, in Xinjiang. Lei Jun and senior automotive adviser Hu Zhengnan, formerly of "
        "Geely, took part.",
    ),
    ArchiveItem(
        "X070",
        date(2025, 11, 18),
        "Reportify (summary of Chinese media)",
        "https://reportify.ai/social-media/742710541492063",
        "Xiaomi EV and AI segment posts first operating profit in Q3 2025",
        "In Q3 2025 the EV/AI segment recorded its first operating profit, RMB700 million, on "
        "108,800 deliveries and an auto gross margin of 25.5%. Xiaomi's R&D headcount hit a record "
        "24,871.",
    ),
    ArchiveItem(
        "X072",
        date(2025, 11, 21),
        "The Capital Circuit",
        "https://thecapitalcircuit.com/xiaomi-blitzes-past-500-000-evs-and-lifts-2025-delivery-goal-to-400-000-heres-why-that-matters-beyond-china",
        "Xiaomi builds 500,000th EV and raises 2025 target above 400,000",
        "Xiaomi's 500,000th electric vehicle left its Beijing production line on 20 Nov 2025. The "
        "company moved its 2025 delivery target from 350,000 to more than 400,000.",
    ),
    ArchiveItem(
        "X074",
        date(2026, 1, 5),
        "electrive",
        "https://www.electrive.com/2026/01/05/xiaomi-targets-over-550000-deliveries-this-year",
        "Xiaomi sets 2026 goal of 550,000 deliveries after 410,000-plus in 2025",
        "Xiaomi's 2025 deliveries exceeded 410,000 vehicles, beating its targets of 300,000 and "
        "then 350,000, after more than 135,000 in 2024. The 2026 target is 550,000, up 34%. EV "
        "revenue for the first nine months of 2025 came to 68.9 billion yuan.",
    ),
    ArchiveItem(
        "X076",
        date(2026, 2, 1),
        "China Daily Brief",
        "https://chinadailybrief.com/article/697eb14eeab9f99c50e03d8a",
        "Xiaomi Auto reports more than 39,000 deliveries for January 2026",
        "Xiaomi Auto said on Weibo that its January 2026 deliveries exceeded 39,000 vehicles. "
        "Commentators pointed to a planned refresh of the SU7.",
    ),
    ArchiveItem(
        "X077",
        date(2026, 2, 3),
        "Technobezz",
        "https://www.technobezz.com/news/ford-and-xiaomi-deny-report-of-us-electric-vehicle-partnership-talks",
        "Xiaomi and Ford reject FT report of talks on US EV venture",
        "The FT reported on 2 Feb 2026 that Ford had held preliminary talks with Xiaomi about a US "
        "EV joint venture; both companies called the report 'completely false'. Xiaomi sells "
        "nothing in the US. It delivered 135,000 vehicles in 2024 and more than 411,000 in 2025.",
    ),
)


def rfc822_noon_utc(day: date) -> str:
    """Format a day as an RFC 822 date at 12:00 UTC (noon keeps the day stable in any zone)."""
    return format_datetime(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), usegmt=True)


def site_root(url: str) -> str:
    """The outlet's home address, used as `<source url>` since outlets' feed URLs are unknown."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def build_rss(items: tuple[ArchiveItem, ...] = ITEMS) -> bytes:
    """Serialise the archive as indented RSS 2.0 in UTF-8, newest item first."""
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = CHANNEL_TITLE
    ET.SubElement(channel, "link").text = CHANNEL_LINK
    ET.SubElement(channel, "description").text = CHANNEL_DESCRIPTION
    ET.SubElement(channel, "language").text = "en"
    for item in sorted(items, key=lambda i: (i.day, i.key), reverse=True):
        node = ET.SubElement(channel, "item")
        ET.SubElement(node, "title").text = item.title
        ET.SubElement(node, "link").text = item.url
        ET.SubElement(node, "description").text = item.description
        ET.SubElement(node, "pubDate").text = rfc822_noon_utc(item.day)
        ET.SubElement(node, "guid", isPermaLink="false").text = GUID_PREFIX + item.key
        ET.SubElement(node, "source", url=site_root(item.url)).text = item.outlet
    ET.indent(rss, space="  ")
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"


def main(argv: list[str] | None = None) -> int:
    """Write the archive, or with `--check` report whether the committed file is current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    rendered = build_rss()
    if args.check:
        current = ARCHIVE_PATH.read_bytes() if ARCHIVE_PATH.exists() else b""
        if current != rendered:
            print(
                f"{ARCHIVE_PATH.name} is out of date; run seeds/build_archive.py", file=sys.stderr
            )
            return 1
        return 0
    ARCHIVE_PATH.write_bytes(rendered)
    print(f"wrote {len(ITEMS)} items to {ARCHIVE_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
