// SPDX-License-Identifier: Apache-2.0
// Browser test of the dashboard: starts `chipgap serve` on a free loopback port, drives Debian's
// Chromium headless with playwright-core through every page, checks what is shown, and saves
// screenshots. Usage: node dashboard.test.mjs CHIPGAP_BINARY WEB_DIST SCREENSHOT_DIR
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const [binary, webDir, shots] = process.argv.slice(2);
if (!binary || !webDir || !shots) {
  console.error("usage: node dashboard.test.mjs CHIPGAP_BINARY WEB_DIST SCREENSHOT_DIR");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

function startServer() {
  return new Promise((resolve, reject) => {
    const server = spawn(binary, ["serve", "--port", "0", "--web", webDir], { stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${log}`)), 20000);
    server.stderr.on("data", (chunk) => {
      log += chunk;
      const match = log.match(/serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve({ server, origin: match[1] });
      }
    });
    server.on("exit", (code) => reject(new Error(`server exited with ${code}: ${log}`)));
  });
}

const { server, origin } = await startServer();
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const failures = [];
const outside = [];
const consoleErrors = [];

// What every page must hold whatever it shows: export buttons beside every table (CSV, JSON) and every
// chart (PNG, SVG), no year printed with a thousands separator ("2,024"), no review-policy id shown as text.
async function pageInvariants(page) {
  const bare = await page.$$eval("#page table", (tables) => tables.filter((t) => {
    const bar = t.closest(".table-wrap")?.previousElementSibling;
    return !(bar?.matches(".exports") && bar.querySelector(".export-csv") && bar.querySelector(".export-json"));
  }).length);
  assert.equal(bare, 0, "tables without CSV and JSON export buttons");
  const bareCharts = await page.$$eval("#page .chart", (charts) => charts.filter((c) => {
    const bar = c.previousElementSibling;
    return !(bar?.matches(".exports") && bar.querySelector(".export-png") && bar.querySelector(".export-svg"));
  }).length);
  assert.equal(bareCharts, 0, "charts without PNG and SVG export buttons");
  const text = await page.innerText("body");
  assert.doesNotMatch(text, /\b2,0[12]\d\b/, "a year shown with a thousands separator");
  assert.doesNotMatch(text, /presumption_of|case_by_case/, "a review-policy id shown as text");
}

// Clicks an export button and returns the downloaded file's name and text.
async function downloadOf(page, selector) {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 15000 }), page.click(selector)]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), "utf8") };
}

async function check(name, body, viewport = { width: 1366, height: 900 }) {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  page.on("request", (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith("data:")) outside.push(request.url());
  });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${name}: ${message.text()}`);
  });
  try {
    await body(page);
    await pageInvariants(page);
    await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
    console.log(`ok   ${name}`);
  } catch (error) {
    failures.push(name);
    console.log(`FAIL ${name}: ${error.message}`);
    await page.screenshot({ path: `${shots}/${name}-failed.png`, fullPage: true }).catch(() => {});
  } finally {
    await page.close();
  }
}

async function open(page, hash) {
  await page.goto(`${origin}/#/${hash}`);
  await page.waitForSelector('#page[data-ready="true"]', { timeout: 15000 });
}

try {
  await check("chips", async (page) => {
    await open(page, "chips");
    const all = Number(await page.getAttribute("#page", "data-rows"));
    assert.ok(all >= 45, `expected at least 45 chips, got ${all}`);
    await page.selectOption('select[name="vendor"]', "Huawei");
    const huawei = Number(await page.getAttribute("#page", "data-rows"));
    assert.ok(huawei > 0 && huawei < all, `vendor filter: ${huawei} of ${all}`);
    const vendors = await page.$$eval("#chip-table tbody tr td:nth-child(2)", (cells) => cells.map((c) => c.textContent));
    assert.ok(vendors.every((v) => v === "Huawei"), `vendors: ${vendors}`);
    await page.click('th[data-key="tpp"]');
    await page.click('th[data-key="tpp"]');
    // Sorted by TPP, largest first: read the column under the TPP header, whatever the catalog holds.
    const tppColumn = await page.$$eval("#chip-table thead th", (ths) => ths.findIndex((th) => th.dataset.key === "tpp"));
    const tpps = await page.$$eval(`#chip-table tbody tr td:nth-child(${tppColumn + 1})`, (cells) =>
      cells.map((c) => c.textContent.replace(/,/g, "")).filter((t) => /^[0-9.]+$/.test(t)).map(Number));
    assert.ok(tpps.length > 1, `TPP cells: ${tpps}`);
    assert.ok(tpps.every((v, i) => i === 0 || tpps[i - 1] >= v), `largest Huawei TPP first: ${tpps}`);
    assert.match(page.url(), /vendor=Huawei/);
    assert.match(page.url(), /sort=tpp/);
  });

  await check("chips: exports and links", async (page) => {
    await open(page, "chips?vendor=Huawei");
    const rows = Number(await page.getAttribute("#page", "data-rows"));
    const csv = await downloadOf(page, "#page .exports .export-csv");
    assert.match(csv.name, /\.csv$/);
    const lines = csv.text.trim().split("\n");
    assert.match(lines[0], /^Name,Vendor,Country,Year/);
    assert.equal(lines.length, rows + 1, "one CSV line per row shown, and the header");
    assert.ok(lines.slice(1).every((l) => /^[^,]*,Huawei,/.test(l) || /^"[^"]*",Huawei,/.test(l)), "the filtered rows");
    assert.match(lines[1], /,20\d\d,/, "years in the CSV without a separator");
    const json = JSON.parse((await downloadOf(page, "#page .exports .export-json")).text);
    assert.equal(json.length, rows);
    assert.equal(json[0].Vendor, "Huawei");
    // A chip name leads to the chip's page.
    await page.click("#chip-table tbody tr:first-child a.chip-link");
    await page.waitForFunction(() => document.querySelector("#page").dataset.page === "chip" && document.querySelector("#page").dataset.ready === "true");
    assert.ok(Number(await page.getAttribute("#page", "data-fields")) > 3);
  });

  await check("chip", async (page) => {
    await open(page, "chip?name=H20");
    assert.equal(await page.textContent("#page h2"), "H20");
    // Every figure with its source as a titled link, its confidence, and a derivation where there is one.
    const sourced = await page.$$eval("#chip-fields tbody tr", (trs) => trs.filter((tr) => tr.querySelector('a.source[href^="http"]')).length);
    const fields = await page.$$eval("#chip-fields tbody tr", (trs) => trs.length);
    assert.ok(fields >= 10 && sourced === fields, `${sourced} of ${fields} figures with a source link`);
    const confidences = await page.$$eval("#chip-fields td.confidence", (tds) => tds.map((td) => td.textContent));
    assert.ok(confidences.includes("reported") && confidences.includes("estimate"), `confidences: ${confidences}`);
    assert.match(await page.textContent("#chip-fields"), /derived:/);
    assert.match(await page.textContent("#chip-fields"), /4 TB\/s/);  // as written
    assert.match(await page.textContent(".metrics"), /= TPP 2,368 \/ die area 814/);
    assert.ok(await page.$('.sources a[href^="http"]'));
    for (const target of ["classify", "timeline", "headroom"]) assert.ok(await page.$(`.onward a[href^="#/${target}?chip=H20"]`), target);
    await page.click('a.system-link:text("HGX H20")');
    await page.waitForFunction(() => document.querySelector("#page").dataset.page === "system" && document.querySelector("#page").dataset.ready === "true");
    assert.equal(await page.textContent("#page h2"), "HGX H20");
  });

  await check("system", async (page) => {
    await open(page, "system?name=HGX%20H20");
    assert.ok(await page.$('#system-fields a.source[href^="http"]'));
    assert.match(await page.textContent("#system-fields"), /estimate/);
    assert.match(await page.textContent("#system-fields"), /derived: one 400 Gb\/s NIC per GPU/);
    assert.match(await page.textContent("#system-totals"), /2,368/);  // FP8 over eight chips
    assert.ok(await page.$('a.chip-link[href="#/chip?name=H20"]'));
  });

  await check("headroom", async (page) => {
    await open(page, "headroom?chip=H20&dest=CN&date=2025-09-01");
    assert.ok(Number(await page.getAttribute("#page", "data-metrics")) >= 2);
    assert.match(await page.textContent("#headroom"), /3A090\.b\.1/);
    assert.match(await page.textContent("#headroom"), /rises by 32/);
  });

  await check("thresholds: every chip with a TPP", async (page) => {
    await open(page, "thresholds?date=2026-06-01&dest=CN");
    const expected = await page.evaluate(async () => {
      const rows = await (await fetch("api/v1/verdicts?dest=CN&date=2026-06-01")).json();
      return { tpp: rows.filter((r) => r.metrics.tpp !== null).length, density: rows.filter((r) => r.metrics.tpp !== null && r.metrics.performance_density !== null).length };
    });
    assert.equal(Number(await page.getAttribute("#page", "data-plotted")), expected.tpp, "every chip with a TPP placed");
    assert.equal(Number(await page.getAttribute("#page", "data-strip")), expected.tpp - expected.density, "those without a density on the strip");
    assert.equal(await page.$$eval("#threshold-chips tbody tr", (trs) => trs.length), expected.tpp);
    // The 2026 criteria: the TPP line of the case-by-case rule drawn, the bandwidth tests listed.
    const criteria = await page.textContent("#criteria");
    assert.match(criteria, /us-ear-2026-01/);
    assert.match(criteria, /TPP < 21,000/);
    assert.match(criteria, /DRAM bandwidth < 6,500 GB\/s\s*not on these axes/);
    assert.match(criteria, /us-proclamation-11002/);
    // Standing by review policy: denial and case-by-case told apart.
    const standings = await page.$$eval("#threshold-chips tbody td:nth-child(4)", (tds) => [...new Set(tds.map((td) => td.textContent))]);
    assert.ok(standings.includes("licence, presumption of denial") && standings.includes("licence, case-by-case"), `standings: ${standings}`);
    await page.check("#label-points");
    await page.waitForFunction(() => location.hash.includes("labels=1"));
    await page.waitForSelector('#page[data-labels="1"]');  // the chart redrawn with labels, not only the URL
    const png = await downloadOf(page, "#page .chart ~ * .export-png, #page .exports .export-png");
    assert.match(png.name, /\.png$/);
    const svg = await downloadOf(page, "#page .exports .export-svg");
    assert.match(svg.text, /^<svg[\s\S]*H20[\s\S]*<\/svg>/, "the SVG export draws the chart, labels included");
  });

  await check("glossary", async (page) => {
    await open(page, "chips");
    await page.click('a.term[href*="term=tpp"]');
    await page.waitForFunction(() => document.querySelector("#page").dataset.page === "glossary" && document.querySelector("#page").dataset.ready === "true");
    assert.match(await page.textContent("dt.wanted"), /TPP/);
    const text = await page.textContent("dl.glossary");
    for (const term of ["Performance density", "NAC", "ACA", "Licence", "Presumption of approval", "Case-by-case", "Presumption of denial",
                        "H100-equivalent", "TTFT", "TPOT", "MFU"]) assert.ok(text.includes(term), term);
    assert.ok(await page.$('nav a[data-page="glossary"].active'));
  });

  await check("thresholds", async (page) => {
    await open(page, "thresholds?date=2024-06-01&dest=CN");
    assert.equal(await page.textContent("#date-label"), "2024-06-01");
    const plotted = Number(await page.getAttribute("#page", "data-plotted"));
    assert.ok(plotted >= 15, `plotted ${plotted}`);
    const lines2023 = Number(await page.getAttribute("#page", "data-lines"));
    assert.ok(lines2023 >= 4, `2023 rule thresholds drawn: ${lines2023}`);
    await page.$eval("#date-slider", (slider) => {
      slider.value = "3";
      slider.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await page.waitForFunction(() => document.querySelector("#date-label").textContent.startsWith("2022-11"));
    await page.waitForFunction(() => Number(document.querySelector("#page").dataset.lines) === 1);
    assert.match(await page.textContent("#threshold-legend"), /us-ear-2022-10/);
    assert.match(page.url(), /date=2022-11-01/);
  });

  await check("thresholds: moving the TPP line", async (page) => {
    await open(page, "thresholds?date=2024-06-01&dest=CN");
    await page.waitForFunction(() => document.querySelector("#page").dataset.lineFlips === "0");  // 4,800: the rule as it stands
    await page.$eval("#line-slider", (slider) => {
      slider.value = "2300";
      slider.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await page.waitForFunction(() => Number(document.querySelector("#page").dataset.lineFlips) > 0);
    assert.match(await page.textContent("#line-result"), /H20/);  // a line at 2,300 catches the H20's 2,368
  });

  await check("policy", async (page) => {
    await open(page, "policy?rule=us-ear-2023-10&metric=tpp&from=4800&to_value=1600&step=-800&date=2024-06-01");
    assert.equal(await page.getAttribute("#page", "data-sweep-points"), "5");
    assert.match(await page.textContent("#sweep-table"), /H20/);
    // Two metrics: a heat map over the grid.
    await page.selectOption('select[name="metric2"]', "performance_density");
    await page.click('#sweep-form button[type="submit"]');
    await page.waitForFunction(() => document.querySelector("#page").dataset.sweepPoints === "50");
    await page.fill('input[name="step"]', "800");  // inverted: the API says so
    await page.click('#sweep-form button[type="submit"]');
    await page.waitForSelector("#sweep-table .error");
    assert.match(await page.textContent("#sweep-table .error"), /inverted range/);
    await page.fill('input[name="design_date"]', "2024-06-01");
    await page.click('#design-form button[type="submit"]');
    await page.waitForFunction(() => Number(document.querySelector("#page").dataset.designs) >= 1, null, { timeout: 60000 });
    assert.match(await page.textContent("#design-result"), /3A090\.b\.1/);  // what stops more compute
  });

  await check("classify", async (page) => {
    await open(page, "classify?chip=H20&to=CN&date=2025-09-01");
    await page.waitForSelector(".verdict");
    assert.equal(await page.getAttribute(".verdict", "data-authorization"), "license");
    assert.match(await page.textContent(".verdict"), /revenue-share-15/);
    assert.match(await page.textContent(".verdict"), /32 below 3A090\.b\.1/);
    // Each clause with its rule's sources; the chip's figures link to its page.
    assert.ok(await page.$('#verdict-clauses a.source[href^="http"]'));
    assert.ok(await page.$('.verdict h3 a.chip-link[href="#/chip?name=H20"]'));
    await page.check('input[name="mode"][value="spec"]');
    await page.fill('input[name="date"]', "2024-06-01");
    await page.click('button[type="submit"]');
    await page.waitForFunction(() => document.querySelector(".verdict h3")?.textContent.includes("My Accelerator"));
    assert.match(await page.textContent(".verdict .eccn"), /3A090\.a/);
    await page.fill('textarea[name="spec"]', "{ not json");
    await page.click('button[type="submit"]');
    await page.waitForSelector(".error");
    assert.match(await page.textContent(".error"), /not valid JSON/);
  });

  await check("classify-undetermined", async (page) => {
    // A verdict that rests on an unknown TPP says so first, with no green badge.
    await open(page, "classify?chip=RTX%20Pro%206000D&to=CN&date=2026-12-07");
    await page.waitForSelector(".verdict");
    assert.equal(await page.getAttribute(".verdict", "data-authorization"), "undetermined");
    assert.match(await page.textContent(".verdict .answer"), /depends on inputs the catalog does not have: TPP/);
    assert.equal(await page.$$eval(".verdict > .answer .badge.none", (b) => b.length), 0);
    assert.match(await page.textContent(".verdict .outcomes"), /3A090\.a/);
    // A date after the rule book's review carries the warning.
    assert.match(await page.textContent(".verdict .warning"), /last reviewed through/);
  });

  await check("classify-hq", async (page) => {
    await open(page, "classify?chip=H100%20SXM&to=SA&date=2024-06-01");
    await page.waitForSelector(".verdict");
    assert.match(await page.textContent(".verdict .policy"), /presumption of approval/);
    await page.fill('input[name="hq"]', "CN");
    await page.click('button[type="submit"]');
    await page.waitForFunction(() => document.querySelector(".verdict .policy")?.textContent.includes("denial"));
    assert.match(page.url(), /hq=CN/);
  });

  await check("timeline", async (page) => {
    await open(page, "timeline?chip=A800%20SXM&dest=CN");
    const entries = Number(await page.getAttribute("#page", "data-entries"));
    assert.ok(entries >= 2, `entries ${entries}`);
    assert.match(await page.textContent("#timeline-table"), /3A090\.a/);
    assert.match(await page.textContent("#timeline-table"), /us-ear-2023-10/);
    // Import measures by title, not id; the chip links to its page.
    await open(page, "timeline?chip=H20&dest=CN");
    assert.doesNotMatch(await page.textContent("#timeline-table"), /cn-samr-nvidia-probe-2024-12/);
    assert.match(await page.textContent("#timeline-table"), /case-by-case/);
    assert.ok(await page.$('#timeline-chip a.chip-link[href="#/chip?name=H20"]'));
  });

  await check("compare", async (page) => {
    await open(page, "compare?chips=H100%20SXM,H20,Ascend%20910C");
    assert.equal(await page.getAttribute("#page", "data-compared"), "3");
    assert.match(await page.textContent("#compare-table"), /15,831/);
    await page.fill('input[name="chips"]', "H100 SXM,Nonexistent");
    await page.click('button[type="submit"]');
    assert.match(await page.textContent("#compare-table"), /Not in the catalog: Nonexistent/);
    // On a workload: systems at equal power, ratios to the first, per kW and per dollar.
    await page.waitForFunction(() => Number(document.querySelector("#page").dataset.workloadRows) >= 2, null, { timeout: 30000 });
    assert.match(await page.textContent("#workload-result"), /Ratios to GB200 NVL72/);
    assert.match(await page.textContent("#workload-result"), /CloudMatrix 384/);
    await page.fill('input[name="names"]', "GB200 NVL72,HGX H2O");
    await page.click('#workload-form button[type="submit"]');
    await page.waitForSelector("#workload-result .error");
    assert.match(await page.textContent("#workload-result .error"), /HGX H2O/);
  });

  await check("equivalence", async (page) => {
    await open(page, "equivalence?reference=HGX%20H100&reference_count=256&candidate=HGX%20H20&model=llama3-70b");
    assert.equal(await page.getAttribute("#page", "data-matched"), "true");
    assert.match(await page.textContent("#match-result"), /H20 per H100 SXM/);
    assert.match(await page.textContent("#match-result"), /Reference/);
    await page.fill('input[name="candidate"]', "HGX H2O");
    await page.click('#match-form button[type="submit"]');
    await page.waitForSelector("#match-result .error");
    assert.match(await page.textContent("#match-result .error"), /HGX H2O.*did you mean 'HGX H20'/);
  });

  await check("scenarios", async (page) => {
    await open(page, "scenarios?scenario=h200-accepted-2026&basis=train");
    assert.equal(await page.getAttribute("#page", "data-years"), "5");  // 2022-2026
    assert.match(await page.textContent("#scenario-table"), /2026/);
    assert.equal(await page.$eval('select[name="basis"]', (s) => s.value), "train");
    await page.selectOption('select[name="scenario"]', "status-quo-2026-12");
    await page.click('#scenario-form button[type="submit"]');
    // The page records the run it drew (the hash changes before the request is even sent).
    await page.waitForSelector('#page[data-scenario="status-quo-2026-12"][data-smuggling="1"]', { timeout: 15000 });
    // The smuggling slider re-runs with smuggling.multiplier set: at 0 no smuggled units are added.
    await page.goto(`${origin}/#/scenarios?scenario=status-quo-2026-12&smuggling=0`);
    // The same page is still ready with its last run; wait for the run this URL asks for.
    await page.waitForSelector('#page[data-ready="true"][data-scenario="status-quo-2026-12"][data-smuggling="0"]', { timeout: 15000 });
    const row2025 = await page.$eval("#scenario-table tbody tr:nth-child(4) td:last-child", (td) => td.textContent);
    assert.match(row2025, /^[\d,]+ \/ 0 \/ [\d,]+$/, row2025);
    assert.ok(await page.$("#scenario-sources canvas, #scenario-sources svg"), "the sources chart is drawn");
  });

  await check("gap", async (page) => {
    await open(page, "gap?to=CN&since=2023-01-01&until=2024-12-31&step=month");
    assert.equal(await page.getAttribute("#page", "data-points"), "24");
    const table = await page.textContent("#gap-table");
    assert.match(table, /H800 SXM 1\.00/);  // exportable with the H100's peak compute until the 2023 rule
    assert.match(table, /2023-11-17: us-ear-2023-10/);
    await page.fill('input[name="to"]', "Narnia");
    await page.click('#gap-form button[type="submit"]');
    await page.waitForSelector("#gap-table .error");
    assert.match(page.url(), /to=Narnia/);
  });

  await check("performance", async (page) => {
    await open(page, "performance?mode=train&model=Llama%203%2070B&system=HGX%20H100&count=64&seq_len=4096&global_batch=256&search=1");
    assert.ok(Number(await page.getAttribute("#page", "data-plans")) >= 1);
    assert.match(await page.textContent("#perf-result"), /plans evaluated/);
    assert.match(await page.textContent("#perf-result"), /MFU/);
    // Every estimate shows its band over the efficiency ranges, and energy on the chip-TDP basis.
    assert.match(await page.textContent("#perf-result"), /tokens\/s per chip \(band [0-9,]+ to [0-9,]+\)/);
    assert.match(await page.textContent("#perf-result"), /MWh at chip TDP, [0-9,]+ MWh at system power/);
    await page.fill('input[name="count"]', "3");
    await page.click('button[type="submit"]');
    await page.waitForFunction(() => document.querySelector("#perf-result")?.textContent?.includes("No plan") ||
                                      document.querySelector("#perf-result .error"));
  });

  await check("serve", async (page) => {
    await open(page, "performance?mode=serve&model=DeepSeek-V3&system=HGX%20H800&count=64&precision=fp8&input_len=2048&output_len=512&tpot_ms=50&search=1");
    assert.match(await page.textContent("#perf-result"), /Disaggregated/);
    assert.match(await page.textContent("#perf-result"), /prefill chips per decode chip/);
    // Perfectly balanced routing serves more per chip than load balancing as deployed.
    const rate = async () => Number((await page.textContent("#perf-result strong")).replace(/[^0-9.]/g, ""));
    const deployed = await rate();
    const before = await page.textContent("#perf-result strong");
    await page.check('input[name="balanced_routing"]');
    await page.click('button[type="submit"]');
    await page.waitForFunction((previous) => {
      const text = document.querySelector("#perf-result strong")?.textContent;
      return text && text !== previous;
    }, before);
    assert.ok(await rate() > deployed, "balanced routing raised the rate");
    assert.match(page.url(), /balanced_routing=1/);
  });

  // At phone width (390 px) no page is wider than the screen: tables scroll inside their wrapper.
  for (const hash of ["chips", "chip?name=H20", "system?name=HGX%20H20", "thresholds?date=2026-06-01", "classify?chip=H20&date=2025-09-01",
                      "timeline?chip=H20", "compare", "gap?since=2025-01-01", "policy?step=-800", "scenarios", "glossary", "headroom?chip=H20",
                      "equivalence?reference=HGX%20H100&reference_count=256&candidate=HGX%20H20&model=llama3-70b",
                      "performance?mode=train&model=Llama%203%2070B&system=HGX%20H100&count=64&seq_len=4096&global_batch=256&search=0"]) {
    await check(`phone ${hash.split("?")[0]}`, async (page) => {
      await open(page, hash);
      const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
      assert.ok(scroll <= width, `page ${scroll} px wide on a ${width} px screen`);
      const chartWidth = await page.$eval("#page .chart", (c) => c.getBoundingClientRect().width).catch(() => 0);
      assert.ok(chartWidth <= width, `chart ${chartWidth} px`);
    }, { width: 390, height: 844 });
  }

  assert.deepEqual(outside, [], "the dashboard made requests outside its own server");
  assert.deepEqual(consoleErrors.filter((e) => !/status of 4\d\d/.test(e)), [], "console errors");
} catch (error) {
  failures.push(error.message);
  console.log(`FAIL ${error.message}`);
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
console.log(failures.length ? `${failures.length} failure(s)` : "all browser checks passed");
process.exit(failures.length ? 1 : 0);
