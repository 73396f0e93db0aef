"""Browser tests of newsdex-serve's page, in a real headless Chromium driven
by chromedriver (Selenium). Run by tests/e2e/browser.sh, which builds the
index and starts the server; this script gets the server's base URL and a
scratch directory as arguments, starts and stops its own Chromium, and exits
0 when every check passed, 1 on the first failure (with what was expected).

Each check compares what the page shows with what the server's JSON API
returns for the same request, never with numbers written here, except for
facts of the bundled corpus that the test is about (the seed article is the
one match for Tartus and names the place Latakia).
"""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

BASE, SCRATCH, XSS_WORD = sys.argv[1], sys.argv[2], sys.argv[3]
SEED_FILE = "seed/000_bac239f258cd2375.txt"
checks = 0


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    raise SystemExit(1)


def check(cond, msg):
    global checks
    if not cond:
        fail(msg)
    checks += 1


def api(path, **params):
    url = BASE + path + "?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url, timeout=30) as res:
        return json.load(res)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(proc, port, name):
    """Waits until `proc` listens on 127.0.0.1:`port`; fails with its log."""
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                with open(SCRATCH + "/" + name + ".log", errors="replace") as f:
                    fail("%s did not start on 127.0.0.1:%d; its log:\n%s" % (name, port, f.read()[-2000:]))
            time.sleep(0.1)


def start_browser():
    """Headless Chromium and a chromedriver attached to it, both started
    here and reached by address only: where "localhost" does not resolve
    (a fresh chroot has no /etc/hosts) chromedriver cannot reach a browser
    it launches itself ("unable to connect to renderer"), nor Selenium's
    Service the chromedriver. Returns (driver, [processes])."""
    chrome_port, driver_port = free_port(), free_port()
    chromium = subprocess.Popen(
        ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
         "--window-size=1280,900", "--user-data-dir=" + SCRATCH + "/chromium-profile",
         "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=%d" % chrome_port, "about:blank"],
        stdout=open(SCRATCH + "/chromium.log", "w"), stderr=subprocess.STDOUT)
    wait_listening(chromium, chrome_port, "chromium")
    chromedriver = subprocess.Popen(
        ["/usr/bin/chromedriver", "--port=%d" % driver_port, "--allowed-ips=127.0.0.1"],
        stdout=open(SCRATCH + "/chromedriver.log", "w"), stderr=subprocess.STDOUT)
    wait_listening(chromedriver, driver_port, "chromedriver")
    opts = webdriver.ChromeOptions()
    opts.debugger_address = "127.0.0.1:%d" % chrome_port
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Remote(command_executor="http://127.0.0.1:%d" % driver_port, options=opts)
    except Exception:
        for p in (chromedriver, chromium):
            p.kill()
        with open(SCRATCH + "/chromedriver.log", errors="replace") as f:
            sys.stderr.write("chromedriver's log:\n" + f.read()[-2000:] + "\n")
        raise
    return driver, [chromedriver, chromium]


def wait_for(driver, css, what, timeout=20):
    try:
        return WebDriverWait(driver, timeout).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, css) or False)
    except TimeoutException:
        fail("timed out waiting for %s (%s) at %s; page text:\n%s" % (
            what, css, driver.current_url, driver.find_element(By.TAG_NAME, "body").text[:2000]))


def wait_until(driver, cond, what, timeout=20):
    try:
        return WebDriverWait(driver, timeout).until(lambda d: cond(d) or False)
    except TimeoutException:
        fail("timed out waiting for " + what + " at " + driver.current_url)


def results(driver):
    return [li.get_attribute("data-id")
            for li in driver.find_elements(By.CSS_SELECTOR, "#results-list > li.result")]


def total_text(driver):
    found = driver.find_elements(By.ID, "total")
    return found[0].text if found else ""


def no_alert(driver, where):
    try:
        alert = driver.switch_to.alert
        text = alert.text
        alert.dismiss()
        fail("an alert ran on " + where + ": " + text)
    except NoAlertPresentException:
        pass


def search_tartus(driver):
    """Search Tartus from the box (keyboard: / focuses it) and see the seed
    with Tartus marked in its snippet."""
    driver.get(BASE + "/")
    wait_for(driver, "html.js", "the page's script to start")
    driver.find_element(By.TAG_NAME, "body").send_keys("/")
    focused = driver.switch_to.active_element
    check(focused.get_attribute("name") == "q", "'/' focuses the search box")
    focused.send_keys("Tartus", Keys.ENTER)
    wait_for(driver, "#results-list > li.result", "results for Tartus")
    ids = results(driver)
    check(len(ids) == 1 and ids[0].endswith(SEED_FILE), "Tartus finds the seed alone: %r" % ids)
    marks = [m.text for m in driver.find_elements(By.CSS_SELECTOR, "#results-list .snippet mark")]
    check("Tartus" in marks, "Tartus is marked in the snippet: %r" % marks)
    check("q=Tartus" in driver.current_url, "the URL holds the query: " + driver.current_url)


def topic_facet(driver):
    """The publisher's topics in the sidebar under "Topics" (tests/corpora/topics):
    a click on Harbour filters on topic:"Harbour" and shows the API's results."""
    driver.get(BASE + "/?q=*")
    sel = ".facet[data-field='topic'][data-value='Harbour']"
    wait_for(driver, sel, "the Harbour topic facet")
    heading = driver.find_element(By.CSS_SELECTOR, ".facet-group[data-kind='topic'] h3").text
    check(heading == "Topics", "the topic facet's heading: %r" % heading)
    everything = api("/api/search", q="*", limit=10)
    facet = driver.find_element(By.CSS_SELECTOR, sel)
    count = int(facet.find_element(By.CSS_SELECTOR, ".count").text)
    want_topic = [f["count"] for f in everything["facets"]["topic"] if f["value"] == "Harbour"]
    check(want_topic == [count] and count == 4, "the facet count %d is the API's %r" % (count, want_topic))
    facet.click()
    wait_for(driver, ".active-filter", "the active topic filter chip")
    filtered = api("/api/search", q='* topic:"Harbour"', limit=10)
    want = [r["id"] for r in filtered["results"]]
    wait_until(driver, lambda d: results(d) == want, "the Harbour results %r (shown: %r)" % (want, results(driver)))
    check(len(want) == count, "the filter finds the facet's %d articles: %r" % (count, want))
    # The article view lists the article's topics, each a link to its filter.
    gales = "https://gazette.example.org/2025/09/15/gales"
    driver.get(BASE + "/?" + urllib.parse.urlencode({"article": gales}))
    wait_for(driver, "#article .topic-chips a", "the article's topics")
    shown = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#article .topic-chips a")]
    stored = api("/api/article/" + urllib.parse.quote(gales, safe=""))["topics"]
    check(shown == stored == ["Weather", "Politics", "Harbour"], "the article's topics %r (API: %r)" % (shown, stored))


def place_facet(driver):
    """Every article (*), then a click on the place facet Latakia: the
    results are the API's for * and place:"Latakia", the filter is a chip,
    and a click on the chip removes it."""
    driver.get(BASE + "/?q=*")
    wait_for(driver, ".facet[data-field='place'][data-value='Latakia']", "the Latakia facet")
    everything = api("/api/search", q="*", limit=10)
    facet = driver.find_element(By.CSS_SELECTOR, ".facet[data-field='place'][data-value='Latakia']")
    count = int(facet.find_element(By.CSS_SELECTOR, ".count").text)
    want_place = [f["count"] for f in everything["facets"]["place"] if f["value"] == "Latakia"]
    check(want_place == [count], "the facet count %d is the API's %r" % (count, want_place))
    facet.click()
    wait_for(driver, ".active-filter", "the active filter chip")
    filtered = api("/api/search", q='* place:"Latakia"', limit=10)
    want = [r["id"] for r in filtered["results"]]
    wait_until(driver, lambda d: results(d) == want, "the Latakia results %r (shown: %r)" % (want, results(driver)))
    check(len(want) == count and count < everything["total"],
          "the filter narrows %d matches to the facet's %d" % (everything["total"], count))
    chip = driver.find_element(By.CSS_SELECTOR, ".active-filter")
    check("Latakia" in chip.text, "the chip names the filter: " + chip.text)
    chip.click()
    wait_until(driver, lambda d: not d.find_elements(By.CSS_SELECTOR, ".active-filter")
               and len(results(d)) == len(everything["results"]), "the chip to remove the filter")


def paging_export_suggestion(driver):
    """Next page of every article (*) is the API's offset 10; the export
    link writes every match of the current query and filters as CSV; a bad
    query shows the API's one-line message; a misspelling gets the API's
    did-you-mean, whose link searches it."""
    driver.get(BASE + "/?q=*")
    wait_for(driver, "#next", "the next page link")
    second = api("/api/search", q="*", offset=10, limit=10)
    driver.find_element(By.ID, "next").click()
    wait_until(driver, lambda d: results(d) == [r["id"] for r in second["results"]], "page 2 of *")
    check("offset=10" in driver.current_url, "the URL holds the page: " + driver.current_url)
    check(driver.find_elements(By.ID, "prev"), "page 2 links back")

    driver.get(BASE + "/?q=*&f=place:Latakia")
    wait_for(driver, "#export", "the export link")
    href = driver.find_element(By.ID, "export").get_attribute("href")
    with urllib.request.urlopen(href, timeout=30) as res:
        csv_text = res.read().decode("utf-8")
        ctype = res.headers.get("Content-Type", "")
    rows = [line for line in csv_text.split("\r\n") if line]
    want = api("/api/search", q='* place:"Latakia"', limit=10)
    check(ctype.startswith("text/csv") and rows[0].startswith("id,"), "the export is CSV: %s %r" % (ctype, rows[:1]))
    check(len(rows) - 1 == want["articles"], "the export has the filtered query's %d articles: %d rows"
          % (want["articles"], len(rows) - 1))

    driver.get(BASE + "/?q=" + urllib.parse.quote("date:1987-13"))
    try:
        api("/api/search", q="date:1987-13")
        fail("the API accepted date:1987-13")
    except urllib.error.HTTPError as e:
        check(e.code == 400, "a bad query is a 400")
        message = json.load(e)["error"]
    wait_for(driver, "#main .error", "the error message")
    shown = driver.find_element(By.CSS_SELECTOR, "#main .error").text
    check(shown == message, "the page shows the API's message %r: %r" % (message, shown))

    driver.get(BASE + "/?q=Latakai")
    wanted = api("/api/search", q="Latakai", limit=10)["suggestion"]
    check(wanted and wanted["query"] == "Latakia", "the API suggests Latakia: %r" % wanted)
    wait_for(driver, "#suggestion a", "the did-you-mean link")
    link = driver.find_element(By.CSS_SELECTOR, "#suggestion a")
    check(link.text == "Latakia", "the page suggests Latakia: " + link.text)
    link.click()
    want = api("/api/search", q="Latakia", limit=10)
    wait_until(driver, lambda d: results(d) == [r["id"] for r in want["results"]] and results(d),
               "the results of the suggestion")


def similar(driver):
    """A near-duplicate group (tests/corpora/duplicates: a story and two
    edited copies) shows once with "N similar", N the API's; its link opens
    the article view, whose near-duplicates are the API's for the article."""
    want = api("/api/search", q="Lombard", limit=10)["results"]
    grouped = [r for r in want if r["duplicates"] > 0]
    check(grouped, "the duplicates corpus makes a group: %r" % [(r["id"], r["duplicates"]) for r in want])
    driver.get(BASE + "/?q=Lombard")
    wait_until(driver, lambda d: results(d) == [r["id"] for r in want], "the results for Lombard")
    item = driver.find_element(By.CSS_SELECTOR, "li.result[data-id='%s']" % grouped[0]["id"])
    link = item.find_element(By.CSS_SELECTOR, ".similar a")
    check(link.text == "%d similar" % grouped[0]["duplicates"], "the result says %r" % link.text)
    link.click()
    wait_for(driver, "#near-duplicates li.result", "the near-duplicates")
    group = api("/api/search", duplicates_of=grouped[0]["id"], limit=50)["results"]
    others = [r["id"] for r in group if r["id"] != grouped[0]["id"]]
    shown = [li.get_attribute("data-id") for li in driver.find_elements(By.CSS_SELECTOR, "#near-duplicates li.result")]
    check(shown == others and len(others) == grouped[0]["duplicates"],
          "the near-duplicates %r are the API's %r" % (shown, others))


def chart(driver):
    """The chart's bars are the API's histogram, their heights in
    proportion; a click on a bar filters by its period."""
    driver.get(BASE + "/?q=*")
    wait_for(driver, "svg.histogram g.bar", "the chart")
    hist = api("/api/search", q="*", limit=10, histogram="month")["histogram"]
    bars = driver.find_elements(By.CSS_SELECTOR, "svg.histogram g.bar")
    shown = [(b.get_attribute("data-period"), int(b.get_attribute("data-count"))) for b in bars]
    want = [(b["period"], b["count"]) for b in hist["buckets"]]
    check(shown == want, "the bars %r are the API's histogram %r" % (shown, want))
    heights = [float(b.find_element(By.CSS_SELECTOR, "rect.fill").get_attribute("height")) for b in bars]
    top = max(c for _, c in want)
    for (period, c), h in zip(want, heights):
        check((h == 0) == (c == 0), "bar %s of %d has height %g" % (period, c, h))
        check(abs(h / max(heights) - c / top) < 0.05 or c == 0 or h == 2,
              "bar %s: height %g of %g for %d of %d" % (period, h, max(heights), c, top))
    # A drag from the first bar to the third selects that range of months.
    if len(bars) >= 3:
        first, last = want[0][0], want[2][0]
        ActionChains(driver).click_and_hold(bars[0]).move_to_element(bars[1]) \
            .move_to_element(bars[2]).release(bars[2]).perform()
        wait_for(driver, ".active-filter", "the date range filter from a drag")
        chip = driver.find_element(By.CSS_SELECTOR, ".active-filter").text
        check("date: %s..%s" % (first, last) in chip, "the drag selects %s..%s: %s" % (first, last, chip))
        ranged = api("/api/search", q="* date:%s..%s" % (first, last), limit=10)
        check(ranged["articles"] == sum(c for _, c in want[:3]),
              "the range holds the three bars' articles (%d)" % ranged["articles"])
        wait_until(driver, lambda d: results(d) == [r["id"] for r in ranged["results"]],
                   "the results of the dragged range")
        driver.back()
        wait_for(driver, "svg.histogram g.bar", "the chart again")
        bars = driver.find_elements(By.CSS_SELECTOR, "svg.histogram g.bar")
    pick = max(range(len(want)), key=lambda i: want[i][1])
    period, count = want[pick]
    bars[pick].click()
    wait_for(driver, ".active-filter", "the date filter from the chart")
    filtered = api("/api/search", q="* date:" + period, limit=10)
    check(filtered["articles"] == count, "the API counts %d articles for date:%s as the bar does (%d)"
          % (filtered["articles"], period, count))
    wait_until(driver, lambda d: results(d) == [r["id"] for r in filtered["results"]],
               "the results of date:" + period)
    check("date: " + period in driver.find_element(By.CSS_SELECTOR, ".active-filter").text,
          "the chip says the period")


def entity_and_article(driver):
    """From the Tartus result: the seed's article view (the stored text with
    its entities marked, near-duplicates, more like this), from its marked
    Tartus the entity page of Tartus (its timeline is the API's months,
    related entities, its articles), and back with the browser's history."""
    driver.get(BASE + "/?q=Tartus")
    wait_for(driver, "#results-list > li.result .title a", "the Tartus result")
    driver.find_element(By.CSS_SELECTOR, "#results-list > li.result .title a").click()
    wait_for(driver, "#article-text", "the article view")
    view = driver.find_element(By.ID, "article")
    check(view.get_attribute("data-id").endswith(SEED_FILE), "the article view shows the seed")
    check(driver.execute_script("return document.activeElement === document.querySelector('#article h2')"),
          "the keyboard focus moves to the article's heading")
    article = api("/api/article/" + urllib.parse.quote(view.get_attribute("data-id"), safe=""))
    check(view.find_element(By.CSS_SELECTOR, "h2.title").text == article["title"], "the view shows the title")
    text = driver.find_element(By.ID, "article-text").text
    check(" ".join(text.split()) == " ".join(article["body"].split()),
          "the article view shows the stored text, all of it (%d characters)" % len(text))
    marked = {m.text for m in driver.find_elements(By.CSS_SELECTOR, "#article-text .ent-place")}
    check({"Tartus", "Latakia"} <= marked, "places are marked in the text: %r" % sorted(marked))
    people = {m.text for m in driver.find_elements(By.CSS_SELECTOR, "#article-text .ent-person")}
    check("Vladimir Putin" in people, "people are marked in the text: %r" % sorted(people))
    names = {n for t in ("person", "place", "org", "misc") for n in article["entities"].get(t, [])}
    marks = driver.execute_script(
        "return Array.from(document.querySelectorAll('#article-text .ent')).map(m => ["
        " m.textContent, (m.previousSibling ? m.previousSibling.textContent.slice(-1) : ''),"
        " (m.nextSibling ? m.nextSibling.textContent.slice(0, 1) : '')]);")
    check(all(m[0] in names for m in marks), "every mark is an entity of the article")
    partial = [m for m in marks if m[1].isalnum() or m[2].isalnum()]
    check(marks and not partial, "marks are whole words ('Syria' not in 'Syrian'): %r" % partial[:5])
    wait_for(driver, "#more-like-this", "more like this")
    wait_for(driver, "#near-duplicates", "near-duplicates")
    like = api("/api/search", like=view.get_attribute("data-id"), limit=10)
    shown = [li.get_attribute("data-id") for li in driver.find_elements(By.CSS_SELECTOR, "#more-like-this li.result")]
    check(shown == [r["id"] for r in like["results"]], "more like this is the API's like search: %r" % shown)

    tartus = [m for m in driver.find_elements(By.CSS_SELECTOR, "#article-text .ent-place") if m.text == "Tartus"]
    tartus[0].click()
    wait_for(driver, "#entity h2", "the entity page")
    entity = api("/api/entity", name="place:Tartus")
    page = driver.find_element(By.ID, "entity")
    check(page.find_element(By.TAG_NAME, "h2").text.startswith(entity["name"]),
          "the entity page is headed by its name")
    check(page.get_attribute("data-type") == "place", "Tartus is a place")
    bars = [(b.get_attribute("data-period"), int(b.get_attribute("data-count")))
            for b in driver.find_elements(By.CSS_SELECTOR, "#timeline g.bar")]
    check(bars == [(m["month"], m["articles"]) for m in entity["months"]], "the timeline is the API's months: %r" % bars)
    related = [c.text.rsplit(" ", 1)[0] for c in driver.find_elements(By.CSS_SELECTOR, "#related .chip-place")]
    want_related = [r["value"] for r in entity["related"]["place"]]
    check(related == want_related, "related places %r are the API's %r" % (related, want_related))
    check(driver.find_elements(By.ID, "aliases") or "No other names" in page.text, "the aliases section")
    examples = [li.get_attribute("data-id") for li in driver.find_elements(By.CSS_SELECTOR, "#entity-articles li.result")]
    check(examples == [e["id"] for e in entity["examples"]], "the entity's articles are the API's")
    driver.back()
    wait_for(driver, "#article-text", "the article view again (history)")


def phone(driver):
    """On a phone-sized window (390 x 844 CSS pixels) the page fits the
    width (no sideways scrolling), the results come first and the facets
    are folded away behind one tap."""
    driver.set_window_size(390, 844)
    try:
        width = driver.execute_script("return window.innerWidth")
        for url in ("/?q=*", "/?q=Tartus"):
            driver.get(BASE + url)
            wait_for(driver, "#results-list > li.result", "results on a phone")
            fits = driver.execute_script(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")
            check(fits, "%s fits a %d-pixel-wide window" % (url, width))
        refine = driver.find_element(By.CSS_SELECTOR, "details.refine")
        check(refine.get_attribute("open") is None, "the facets are folded on a phone")
        first = driver.find_element(By.CSS_SELECTOR, "#results-list > li.result")
        check(first.location["y"] < 844, "the first result is on the first screen (y = %d)" % first.location["y"])
        refine.find_element(By.TAG_NAME, "summary").click()
        wait_for(driver, "details.refine[open] .facet", "the facets after a tap")
    finally:
        driver.set_window_size(1280, 900)


def page_is_inert(driver, where):
    """Nothing from the archive became markup or ran on the current view."""
    no_alert(driver, where)
    state = driver.execute_script(
        "return {injected: document.querySelectorAll("
        "  'img, iframe, object, embed, [onerror], [onmouseover], [onload], #main b, #main i').length,"
        " scripts: Array.from(document.scripts).map(s => s.src),"
        " badLinks: Array.from(document.querySelectorAll('a[href]'))"
        "   .filter(a => !/^https?:/.test(a.href)).map(a => a.getAttribute('href'))}")
    check(state["injected"] == 0, "no element was injected on the %s" % where)
    check(all(src.startswith(BASE + "/static/") for src in state["scripts"]),
          "only the page's own scripts on the %s: %r" % (where, state["scripts"]))
    check(state["badLinks"] == [], "only http(s) links on the %s: %r" % (where, state["badLinks"]))


def xss(driver):
    """The hostile articles of tests/corpora/xss: markup and script in
    titles, bodies, sources, URLs and entity names show as text, nothing
    runs or is injected, a javascript: URL is no link, and the CSP holds."""
    driver.get(BASE + "/?q=" + XSS_WORD)
    wait_for(driver, "#results-list > li.result", "the hostile articles")
    want = api("/api/search", q=XSS_WORD, limit=10)["results"]
    check(len(want) >= 3, "the hostile corpus is indexed: %d articles" % len(want))
    wait_until(driver, lambda d: results(d) == [r["id"] for r in want], "the hostile results")
    titles = [t.text for t in driver.find_elements(By.CSS_SELECTOR, "#results-list .title")]
    check(titles == [" ".join(r["title"].split()) for r in want], "titles shown as text: %r" % titles)
    check(any("<script>" in t for t in titles), "a <script> title is visible as text")
    sources = [s.text for s in driver.find_elements(By.CSS_SELECTOR, "#results-list .source")]
    check(any("onmouseover" in s for s in sources), "a markup source is visible as text: %r" % sources)
    chips = [c.text for c in driver.find_elements(By.CSS_SELECTOR, "#results-list .chip")]
    hostile_names = [n for r in want for t in ("person", "place", "org") for n in r["entities"].get(t, [])
                     if "<" in n or '"' in n]
    for name in hostile_names:
        check(name in chips, "the entity %r is a chip of text (chips: %r)" % (name, chips))
    links = {li.get_attribute("data-id"): [a.get_attribute("href") for a in li.find_elements(By.CSS_SELECTOR, "a.url")]
             for li in driver.find_elements(By.CSS_SELECTOR, "#results-list > li.result")}
    check(links.get("xss-title") == [] and links.get("xss-url") == [], "javascript: URLs are no links: %r" % links)
    check(links.get("xss-plain") == ["https://example.org/quokka?a=1&b=%222%22"],
          "an https URL is a link: %r" % links.get("xss-plain"))
    page_is_inert(driver, "results")

    driver.find_element(By.CSS_SELECTOR, "li.result[data-id='xss-title'] .title a").click()
    wait_for(driver, "#article-text", "the hostile article's view")
    body = driver.find_element(By.ID, "article-text").text
    check("<script>alert(3)</script>" in body and "<img src=x onerror=alert(2)>" in body,
          "the body's payloads show as text: %r" % body)
    page_is_inert(driver, "article view")

    if hostile_names:
        driver.back()
        wait_for(driver, "#results-list .chip", "the results again")
        chip = [c for c in driver.find_elements(By.CSS_SELECTOR, "#results-list .chip") if c.text == hostile_names[0]]
        chip[0].click()
        wait_for(driver, "#entity h2", "the hostile entity's page")
        check(driver.find_element(By.CSS_SELECTOR, "#entity h2").text.startswith(hostile_names[0]),
              "the entity page names %r as text" % hostile_names[0])
        page_is_inert(driver, "entity page")

    # The page itself needs nothing the CSP refuses...
    refused = [e["message"] for e in driver.get_log("browser")
               if "Content Security Policy" in e["message"] or "Refused" in e["message"]]
    check(not refused, "the page breaks no CSP rule: %r" % refused)
    # ...and the CSP refuses an inline script (one added now, as an injection would).
    ran = driver.execute_script(
        "const s = document.createElement('script'); s.textContent = 'window.__inline = 1';"
        " document.body.appendChild(s); return window.__inline === 1;")
    check(ran is False, "the CSP refuses an inline script")
    with urllib.request.urlopen(BASE + "/", timeout=30) as res:
        csp = res.headers.get("Content-Security-Policy", "")
        nosniff = res.headers.get("X-Content-Type-Options", "")
    check("script-src 'self'" in csp or ("default-src 'self'" in csp and "script-src" not in csp),
          "the CSP allows only the server's scripts: " + csp)
    check("unsafe-inline" not in csp and "unsafe-eval" not in csp, "the CSP has no unsafe-*: " + csp)
    check(nosniff.lower() == "nosniff", "X-Content-Type-Options: nosniff")


def main():
    driver, processes = start_browser()
    try:
        for test in (search_tartus, place_facet, topic_facet, paging_export_suggestion, similar, chart, entity_and_article, phone, xss):
            test(driver)
            no_alert(driver, test.__name__)
            print("ok: " + test.__name__)
    finally:
        driver.quit()
        for p in processes:
            p.terminate()
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
    print("ok: %d checks" % checks)


if __name__ == "__main__":
    main()
