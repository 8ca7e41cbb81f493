"""Aligning a news figure with a forecast's before judging: same measure, actor and period.

Every sentence here is invented for these tests, across domains (energy, retail, airlines,
streaming, pharma, housing policy). Each rule is tested both ways: the case that must stay
silent and the case that must decide.
"""

from __future__ import annotations

from datetime import date, datetime

from hindsight.analysis.alignment import MARKET, SUBJECT, align, mismatch
from hindsight.analysis.claims import extract_claims
from hindsight.analysis.judge import RuleJudge
from hindsight.analysis.predictions import describe_prediction
from hindsight.domain import Assessment, NewsItem, Stance, Subject

SEED_DAY = date(2024, 3, 1)


def _judge(
    forecast: str, news: str, published: str, subject: Subject, kind: str = "quantity"
) -> tuple[list[Assessment], RuleJudge]:
    prediction = describe_prediction(forecast, SEED_DAY, kind, subject.name)
    item = NewsItem("https://news.example/1", "", news, datetime.fromisoformat(published))
    judge = RuleJudge([subject])
    out = []
    for claim in extract_claims(item, [subject]):
        assessment = judge.assess(claim, prediction)
        if assessment is not None:
            out.append(assessment)
    return out, judge


def _stances(forecast: str, news: str, published: str, subject: Subject, kind: str = "quantity"):
    return [a.stance for a in _judge(forecast, news, published, subject, kind)[0]]


HEATCO = Subject("Heatco", ("Heatco Energy",))
PUMPS = Subject("heat pumps", ("heat pump",))
VOLARE = Subject("Volare", ("Volare Airlines",))
STREAMO = Subject("Streamo")
CURALIS = Subject("Curalis")
BASKET = Subject("Basketmart")


# --- period: an interim figure is progress, not an outcome ---------------------------------


def test_a_figure_for_an_earlier_year_says_nothing_about_a_later_years_forecast():
    forecast = "Heatco will install about 120,000 heat pumps in 2026."
    news = "Heatco installed 95,000 heat pumps in 2025, the company said."
    assert _stances(forecast, news, "2026-01-20", HEATCO) == []


def test_a_figure_for_the_target_year_decides_with_the_aligned_comparison_as_reason():
    forecast = "Heatco will install about 120,000 heat pumps in 2026."
    news = "Heatco installed 126,000 heat pumps in 2026, the company said."
    found, _ = _judge(forecast, news, "2027-01-20", HEATCO)
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    reason = found[0].reason
    assert "2026" in reason and "126,000" in reason and "120,000" in reason


def test_a_figure_short_of_a_by_deadline_goal_before_the_deadline_stays_silent():
    forecast = "Streamo will reach 40 million subscribers by the end of 2027."
    news = "Streamo had 31 million subscribers at the end of 2025."
    assert _stances(forecast, news, "2026-02-01", STREAMO) == []


def test_a_cumulative_goal_already_reached_before_the_deadline_supports():
    forecast = "Streamo will have at least 40 million subscribers by the end of 2027."
    news = "Streamo had 41 million subscribers at the end of 2025."
    assert _stances(forecast, news, "2026-02-01", STREAMO) == [Stance.SUPPORTS]


def test_a_ceiling_broken_before_the_deadline_contradicts():
    forecast = "Curalis will spend no more than $2 billion on research in any year through 2027."
    news = "Curalis spent $2.6 billion on research in 2025."
    found = _stances(forecast, news, "2026-02-10", CURALIS)
    assert found == [Stance.CONTRADICTS]


def test_a_share_for_the_first_half_is_not_the_years_share():
    forecast = "Volare's load factor will be above 85% in 2025."
    news = "Volare reported a load factor of 79% for the first half of 2025."
    assert _stances(forecast, news, "2025-07-30", VOLARE) == []


# --- actor: compare only the same actor's figures ------------------------------------------


def test_the_markets_total_is_not_the_companys_figure():
    forecast = "Heatco will install about 30,000 heat pumps in 2025."
    news = (
        "Heatco said demand stayed strong. Industry-wide, 126,000 heat pumps were installed "
        "in 2025, the trade association said."
    )
    assert _stances(forecast, news, "2026-01-15", HEATCO) == []


def test_the_companys_own_figure_in_the_same_sentence_decides():
    forecast = "Heatco will install about 30,000 heat pumps in 2025."
    news = "Heatco installed 31,500 heat pumps in 2025, while 126,000 were installed nationwide."
    assert _stances(forecast, news, "2026-01-15", HEATCO) == [Stance.SUPPORTS]


def test_one_supplier_is_not_the_market_a_market_forecast_is_about():
    forecast = "About 120,000 heat pumps will be installed in 2025."
    news = "Heat pump maker Thermona installed 18,000 heat pumps in 2025."
    assert _stances(forecast, news, "2026-01-15", PUMPS) == []


def test_a_rivals_figure_is_not_the_subjects():
    forecast = "Volare will carry about 12 million passengers in 2025."
    news = "Volare's rival Skyline carried 6 million passengers in 2025."
    assert _stances(forecast, news, "2026-01-15", VOLARE) == []


def test_who_a_figure_belongs_to_is_read_from_the_sentence():
    subjects = {"Acme": 0}
    text = "Rivalco delivered 50,000 cars in 2025, while Acme's deliveries reached 40,000."
    from hindsight.analysis.alignment import actor_of

    first = text.find("50,000")
    second = text.find("40,000")
    own = set(subjects)
    assert actor_of(text, first, first + 6, own) == "other:Rivalco"
    assert actor_of(text, second, second + 6, own) == SUBJECT
    market = "The trade body said 126,000 units were installed across the market."
    at = market.find("126,000")
    assert actor_of(market, at, at + 7, own) == MARKET
    # A name inside a closed aside owns nothing after it.
    aside = "The world added 191 GW of solar (nearly all PV) and 75 GW of wind."
    at = aside.find("75 GW")
    assert actor_of(aside, at, at + 5, own) != "other:PV"


# --- measure: a figure of another measure is not evidence ----------------------------------


def test_a_grant_is_not_a_price():
    forecast = "Basketmart's own-brand heat pump will be priced at about £7,000."
    news = "Basketmart said buyers of its heat pump can claim a grant of £7,500 from 2025."
    assert _stances(forecast, news, "2025-03-01", BASKET, "price") == []


def test_orders_are_not_deliveries():
    forecast = "Volare will take delivery of about 40 aircraft in 2025."
    news = "Volare placed orders for 120 aircraft in 2025 at the air show."
    assert _stances(forecast, news, "2025-07-01", VOLARE) == []


def test_paying_subscribers_are_not_subscribers():
    forecast = "Streamo will have about 20 million subscribers in 2025."
    news = "Streamo had 9 million paying subscribers in 2025."
    assert _stances(forecast, news, "2026-02-01", STREAMO) == []


def test_profit_is_not_revenue_but_revenue_is():
    forecast = "Curalis revenue will be about $5 billion in 2025."
    silent = "Curalis posted a net profit of $1.1 billion in 2025."
    decides = "Curalis posted revenue of $3.2 billion in 2025."
    assert _stances(forecast, silent, "2026-02-01", CURALIS) == []
    assert _stances(forecast, decides, "2026-02-01", CURALIS) == [Stance.CONTRADICTS]


def test_mismatch_names_the_reason_and_align_the_comparison():
    forecast = describe_prediction(
        "Streamo will have about 20 million subscribers in 2025.", SEED_DAY, "quantity", "Streamo"
    )
    judge = RuleJudge([STREAMO])
    expected = judge.profile_of(forecast).figure
    assert expected is not None and expected.measure.head == "subscribers"
    item = NewsItem(
        "https://news.example/2",
        "",
        "Streamo had 9 million paying subscribers in 2025. Streamo had 21 million subscribers "
        "in 2025.",
        datetime(2026, 2, 1),
    )
    claims = extract_claims(item, [STREAMO])
    paying, total = [judge.reader.facts_of(c, c.quantities[0]) for c in claims]
    assert "paying" in (mismatch(expected, paying) or "")
    aligned = align(expected, total)
    assert aligned is not None and aligned.timing == "target"
    assert "21 million" in aligned.describe()


# --- timelines: not yet is not never ----------------------------------------------------


def test_not_launched_yet_before_the_window_closes_is_silent_and_a_delay_beyond_it_contradicts():
    forecast = "Curalis will launch its new asthma drug before the end of 2026."
    waiting = "Curalis has not launched its asthma drug yet, the company said in March 2025."
    delayed = "Curalis delayed the launch of its asthma drug to 2028."
    assert _stances(forecast, waiting, "2025-03-20", CURALIS, "timeline") == []
    assert Stance.CONTRADICTS in _stances(forecast, delayed, "2025-06-20", CURALIS, "timeline")


# --- the date of a comparison baseline, and a price on a day of its period -------------------

FERRYCO = Subject("Ferryco", ("Ferryco Lines",))


def test_a_price_reported_on_a_day_of_the_forecast_year_answers_it():
    forecast = "I expect Ferryco's average fare in 2025 to be between 40 and 50 euros."
    news = "Ferryco's average fare was 46 euros, the operator said."
    assert _stances(forecast, news, "2025-07-02", FERRYCO, "price") == [Stance.SUPPORTS]


def test_the_year_of_a_baseline_is_not_the_year_of_the_new_figure():
    forecast = "I expect Ferryco's average fare in 2025 to be between 40 and 50 euros."
    news = "Ferryco's average fare rose to 58 euros, up from 44 euros in 2023, the operator said."
    found, _ = _judge(forecast, news, "2025-07-02", FERRYCO, "price")
    # 58 euros is the 2025 fare (the day of the news) and lies outside; 44 is 2023's, ignored.
    assert [a.stance for a in found] == [Stance.CONTRADICTS]
    assert "58" in found[0].reason and "44" not in found[0].reason


def test_sales_on_one_day_are_not_a_years_sales():
    forecast = "Ferryco will carry about 2 million passengers in 2025."
    news = "Ferryco has carried 1.1 million passengers, the operator said."
    assert _stances(forecast, news, "2025-07-02", FERRYCO) == []


# --- deeds in time, targets given up (invented: a tidal programme, a ferry line) ------------

TIDEL = Subject("Tidel", ("Tidel Grid",))


def test_a_target_given_up_refutes_the_commitment_and_bears_out_the_doubt():
    commitment = "The government has committed to 6 GW of tidal capacity by 2030."
    doubt = "I doubt the government will reach 6 GW of tidal capacity by 2030."
    news = "Tidel's government formally lowered its tidal target to 4 GW by 2030."
    assert _stances(commitment, news, "2027-03-01", TIDEL, "commitment") == [Stance.CONTRADICTS]
    assert _stances(doubt, news, "2027-03-01", TIDEL, "negative-event") == [Stance.SUPPORTS]
    # Cutting another target says nothing of this one.
    other = "Tidel lowered its target for electric ferries to 40 vessels."
    assert _stances(commitment, other, "2027-03-01", TIDEL, "commitment") == []


def test_done_after_the_promised_date_refutes_the_promise():
    promise = (
        "Tidel Grid has promised to connect the Harrow cluster to the grid by the end of 2024."
    )
    late = "Tidel Grid energised the Harrow cluster's grid connection on 22 September 2025."
    on_time = "Tidel Grid energised the Harrow cluster's grid connection on 3 October 2024."
    assert _stances(promise, late, "2025-09-24", TIDEL, "commitment") == [Stance.CONTRADICTS]
    assert _stances(promise, on_time, "2024-10-05", TIDEL, "commitment") == [Stance.SUPPORTS]


def test_not_before_rules_out_the_years_up_to_it():
    forecast = "I expect the Harrow link to slip, and I don't see it being energised before 2026."
    early = "Tidel Grid energised the Harrow link on 22 September 2025."
    later = "Tidel Grid energised the Harrow link on 12 March 2026."
    assert _stances(forecast, early, "2025-09-24", TIDEL, "timeline") == [Stance.CONTRADICTS]
    assert _stances(forecast, later, "2026-03-14", TIDEL, "timeline") == [Stance.SUPPORTS]


def test_at_the_earliest_rules_out_the_years_before():
    forecast = "My base case is that Ferryco's listing slips to 2026 at the earliest."
    early = "Ferryco debuted on the stock exchange on 3 October 2025."
    later = "Ferryco debuted on the stock exchange on 17 October 2026."
    assert _stances(forecast, early, "2025-10-04", FERRYCO, "timeline") == [Stance.CONTRADICTS]
    assert _stances(forecast, later, "2026-10-18", FERRYCO, "timeline") == [Stance.SUPPORTS]


def test_an_explicit_range_allows_rounding_not_a_tenth():
    forecast = "I expect Ferryco's average fare in 2025 to be between 40 and 48 euros."
    assert _stances(
        forecast, "Ferryco's average fare was 52 euros.", "2025-07-02", FERRYCO, "price"
    ) == [Stance.CONTRADICTS]
    assert _stances(
        forecast, "Ferryco's average fare was around 47 euros.", "2025-07-02", FERRYCO, "price"
    ) == [Stance.SUPPORTS]


SKYLARK = Subject("Skylark", ("Skylark Air",))


def test_the_first_aircraft_is_not_a_later_one():
    promise = (
        "Skylark says the first of its four B7-300s will arrive in the second quarter of 2025."
    )
    first = "Skylark took delivery of its first B7-300 on 2 September 2025."
    fourth = "Skylark's fourth B7-300 arrived on 2 September 2027."
    assert _stances(promise, first, "2025-09-03", SKYLARK, "commitment") == [Stance.CONTRADICTS]
    assert _stances(promise, fourth, "2027-09-03", SKYLARK, "commitment") == []


def test_surprised_if_on_time_expects_it_late_in_the_window_given():
    forecast = (
        "I would be surprised if the first B7-300 arrives on time; my bet is that it slips "
        "into the first half of 2026."
    )
    news = "Skylark took delivery of its first B7-300 on 20 February 2026."
    assert _stances(forecast, news, "2026-02-22", SKYLARK, "timeline") == [Stance.SUPPORTS]


def test_a_listing_is_the_ipo_in_other_words():
    forecast = "My base case is that Skylark's IPO slips to 2026 at the earliest."
    news = "Skylark debuted on the stock exchange on 17 October 2026, after its flotation."
    other = "Skylark launched flights to Accra on 17 October 2026."
    assert _stances(forecast, news, "2026-10-18", SKYLARK, "timeline") == [Stance.SUPPORTS]
    assert _stances(forecast, other, "2026-10-18", SKYLARK, "timeline") == []


REELCO = Subject("Reelco", ("Reelco Media",))


def test_news_about_other_countries_does_not_answer_a_forecast_about_one():
    forecast = "In the US, Reelco's ad tier will launch in the first quarter of 2024."
    abroad = "Reelco launched its ad tier in the UK and Germany on 4 June 2024."
    home = "Reelco launched its ad tier in the US on 14 March 2024."
    assert _stances(forecast, abroad, "2024-06-05", REELCO, "commitment") == []
    assert _stances(forecast, home, "2024-03-15", REELCO, "commitment") == [Stance.SUPPORTS]


def test_winning_rights_spelled_out_refutes_the_doubt():
    doubt = "I would be surprised if Reelco wins the NBL rights."
    news = "The National Basketball League awarded its streaming rights to Reelco Media."
    assert _stances(doubt, news, "2025-01-10", REELCO, "negative-event") == [Stance.CONTRADICTS]


def test_talks_are_not_a_sale_and_ending_them_refutes_it():
    bet = "I'd bet Reelco is sold to a larger media group before the end of 2025."
    talks = "Halvard confirmed it was in talks about a possible acquisition of Reelco."
    ended = "Halvard and Reelco said they had ended talks about a combination."
    assert _stances(bet, talks, "2025-06-01", REELCO, "event") == []
    assert _stances(bet, ended, "2026-01-08", REELCO, "event") == [Stance.CONTRADICTS]


def test_a_first_full_year_operating_profit_keeps_a_promise_of_positive_income():
    promise = "Management has promised positive operating income for the full year 2025."
    news = "Reelco reported operating income of $118 million for 2025, its first full-year profit."
    assert _stances(promise, news, "2026-02-13", REELCO, "commitment") == [Stance.SUPPORTS]


CURA = Subject("Curavia", ("Curavia Bio", "velostat"), products=("velostat",))


def test_a_drug_named_generically_in_the_forecast_and_by_brand_in_the_news():
    from hindsight.analysis.subjects import learn_aliases

    forecast = "I expect the FDA to approve velostat by the end of 2024."
    brand = "The FDA approved velostat, to be sold as Velora, for adults with heart failure."
    later = "Velora was approved by the FDA on 3 March 2025, Curavia said."
    item = NewsItem("https://news.example/b", "", brand, datetime(2024, 6, 1))
    (learned,) = learn_aliases([CURA], item)
    assert "Velora" in learned.aliases
    assert _stances(forecast, brand, "2024-06-01", CURA, "timeline") == [Stance.SUPPORTS]
    # Later news names the brand only: the same product, approved after the deadline.
    assert _stances(forecast, later, "2025-03-05", learned, "timeline") == [Stance.CONTRADICTS]


def test_raising_money_is_financing_not_a_rise_and_refutes_no_need_to():
    promise = "She also said the company would not need to raise equity to fund the launch."
    likely = "A share sale of some size before the end of 2025 looks likely to me."
    news = "Curavia raised $350 million in a share sale to fund the launch."
    assert _stances(promise, news, "2025-03-14", CURA, "commitment") == [Stance.CONTRADICTS]
    assert _stances(likely, news, "2025-03-14", CURA, "event") == [Stance.SUPPORTS]


def test_a_trial_that_missed_its_endpoint_refutes_expecting_it_met():
    forecast = "I expect the HEARTWELL trial to meet its primary endpoint."
    news = "Curavia said the HEARTWELL trial did not meet its primary endpoint."
    assert _stances(forecast, news, "2025-09-30", CURA, "event") == [Stance.CONTRADICTS]


def test_what_the_seller_sets_is_its_price():
    forecast = "My estimate is a list price of between $85,000 and $95,000 per year of treatment."
    news = "Curavia set a wholesale acquisition cost of $89,400 a year for velostat."
    assert _stances(forecast, news, "2025-02-28", CURA, "price") == [Stance.SUPPORTS]


def test_a_share_price_move_is_not_a_change_to_the_business():
    commitment = (
        "The business will be funded entirely by Curavia's own cash, with no outside investors."
    )
    news = "Curavia raised $5.5 billion from more than 200 investors, and the shares dropped 5.3%."
    assert _stances(commitment, news, "2025-03-25", CURA, "commitment") == []


DELMAR = Subject("Delmar", ("Delmar Market",))


def test_a_sentence_without_a_date_takes_the_period_of_the_one_before():
    forecast = "I expect like-for-like sales growth of 3% to 4% in 2025."
    half = "Delmar opened 11 stores in the first half of 2025. Like-for-like sales rose 7.4%."
    year = "Delmar opened 27 stores in 2025. Like-for-like sales rose 6.8%."
    assert _stances(forecast, half, "2025-08-24", DELMAR) == []  # half a year: progress
    assert _stances(forecast, year, "2026-02-28", DELMAR) == [Stance.CONTRADICTS]


def test_a_promised_count_is_kept_by_more():
    promise = (
        "The company has promised that the campaign will cover 1,000 products by the end of 2025."
    )
    news = "Delmar said its campaign covered 1,150 products at the end of December 2025."
    assert _stances(promise, news, "2026-01-12", DELMAR, "commitment") == [Stance.SUPPORTS]


def test_it_will_be_a_year_before_rules_the_years_before_out():
    forecast = "I think it will be 2026 before the first Dutch store opens."
    news = "Delmar opened its first supermarket in the Netherlands on 14 October 2025."
    assert _stances(forecast, news, "2025-10-15", DELMAR, "timeline") == [Stance.CONTRADICTS]


def test_selling_a_business_unit_is_a_divestment():
    forecast = "Expect Delmar to sell or close Delmar Express, its convenience format, by 2027."
    news = "Delmar agreed to sell its 86 Delmar Express convenience stores to Proxis Retail."
    assert _stances(forecast, news, "2026-03-18", DELMAR, "event") == [Stance.SUPPORTS]


TRAMCO = Subject("Tramlink", ("Tramlink Line",))


def test_a_budget_is_not_a_fare():
    forecast = "I expect a single Tramlink fare of at least 2.50 pounds by 2026."
    budget = "Fares covered 54% of Tramlink's £61m operating costs in 2025."
    fare = "Tramlink's single fare rises to £2.60 on 5 January 2026."
    assert _stances(forecast, budget, "2026-01-03", TRAMCO, "price") == []
    assert _stances(forecast, fare, "2026-01-03", TRAMCO, "price") == [Stance.SUPPORTS]


def test_finishing_the_job_refutes_walking_away_before_it_is_finished():
    doubt = "I would be surprised if Tramlink walked away from the job before it is finished."
    news = "Tramlink completes the job and settles its claim."
    found = _judge(doubt, news, "2025-06-14", TRAMCO, "negative-event")[0]
    assert [a.stance for a in found] == [Stance.SUPPORTS]
    assert "opposite" in found[0].reason


def test_a_start_moved_to_later_at_the_earliest_is_a_delay():
    promise = "Tramlink has promised that work on the extension will start by 2025."
    news = "Tramlink said construction of the extension could now begin in 2027 at the earliest."
    assert _stances(promise, news, "2025-11-19", TRAMCO, "commitment") == [Stance.CONTRADICTS]


def test_a_result_set_against_a_forecast_is_still_a_result():
    forecast = "I think 18 to 22 million journeys in the first twelve months is nearer the mark."
    news = (
        "Tramlink carried 21.3 million journeys in its first 12 months, "
        "against a forecast of 30 million."
    )
    assert _stances(forecast, news, "2025-10-02", TRAMCO) == [Stance.SUPPORTS]
