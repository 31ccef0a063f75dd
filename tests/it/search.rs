//! `search`, `searchSuggest`, `searchInsights` and `recordSearchClick` over
//! HTTP: stemming, phrases and exclusions, ranking, escaped highlights,
//! facets under filters, typo fallback, suggestions, paging, languages,
//! and that nothing a draft says reaches anyone who may not read it.

use serde_json::{Value, json};

use crate::fixtures::{CategoryBuilder, ContentBuilder, ContentUpdate, TagBuilder};
use crate::harness::{TestApp, codes};

const SEARCH: &str = "query($q: String!, $f: SearchFilterInput, $b: [SearchBoostInput!], $facets: SearchFacetsInput,
    $h: SearchHighlightInput, $first: Int, $after: String) {
    search(query: $q, filter: $f, boost: $b, facets: $facets, highlight: $h, first: $first, after: $after) {
        totalCount didYouMean correctedQuery similarTitles
        pageInfo { hasNextPage endCursor }
        edges { cursor node { score content { id title } highlights { title body } } }
        facets {
            types { type { apiId } count }
            categories { category { name } count }
            tags { tag { name } count }
            authors { author { id } count }
            published { from count }
        }
    } }";

const SUGGEST: &str = "query($p: String!, $first: Int) {
    searchSuggest(prefix: $p, first: $first) { titles { content { title } highlights { title } } queries } }";

/// The `search` answer for `vars` (anonymously when `token` is `None`),
/// which must have no errors.
async fn search(app: &TestApp, token: Option<&str>, vars: Value) -> Value {
    let body = raw(app, token, SEARCH, vars).await;
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["search"].clone()
}

async fn raw(app: &TestApp, token: Option<&str>, query: &str, vars: Value) -> Value {
    let (status, body) = match token {
        Some(token) => app.gql_as(token, query, vars).await,
        None => app.gql(query, vars).await,
    };
    assert_eq!(status, 200, "{body}");
    body
}

fn titles(found: &Value) -> Vec<String> {
    found["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["content"]["title"].as_str().unwrap().to_string())
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

async fn found(app: &TestApp, q: &str) -> Vec<String> {
    sorted(titles(&search(app, None, json!({ "q": q })).await))
}

#[tokio::test]
async fn stems_phrases_exclusions_and_titles_first() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    for (title, body) in [
        (
            "Trail notes",
            "<p>We run along the quick brown river every morning.</p>",
        ),
        ("Running shoes", "<p>Lace them well.</p>"),
        (
            "Kitchen diary",
            "<p>Quick bread, brown butter and a sleepy fox.</p>",
        ),
        (
            "Garden",
            "<p>The brown quick fox sleeps among the roses.</p>",
        ),
    ] {
        ContentBuilder::new(title)
            .body(body)
            .publish()
            .create(&app, &editor.access)
            .await;
    }
    // Stemming both ways: `running` finds `run`, and `run` finds `Running`.
    let running = search(&app, None, json!({ "q": "running " })).await;
    assert_eq!(
        titles(&running),
        vec!["Running shoes", "Trail notes"],
        "title hit first"
    );
    assert_eq!(running["totalCount"], 2);
    assert_eq!(
        found(&app, "run ").await,
        vec!["Running shoes", "Trail notes"]
    );
    // Phrases keep word order; `-word` excludes; `or` widens.
    assert_eq!(found(&app, "\"quick brown\"").await, vec!["Trail notes"]);
    assert_eq!(found(&app, "brown fox -roses").await, vec!["Kitchen diary"]);
    assert_eq!(
        found(&app, "roses or butter").await,
        vec!["Garden", "Kitchen diary"]
    );
    // As-you-type: the last word is a prefix, unless followed by a space.
    assert_eq!(found(&app, "kitch").await, vec!["Kitchen diary"]);
    let typed = search(&app, None, json!({ "q": "brown kitch " })).await;
    assert_eq!(
        typed["correctedQuery"], "brown kitchen",
        "a whole word, corrected: {typed}"
    );
    // Operators and punctuation a hostile client may send are just text.
    for q in [
        "&|!:*()'\\",
        "fox:* & !",
        "\"unclosed",
        "-",
        "or or or",
        "🦊 fox",
    ] {
        search(&app, None, json!({ "q": q })).await;
    }
}

#[tokio::test]
async fn highlights_are_escaped_and_tagged_as_asked() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    ContentBuilder::new("<script>alert(1)</script> Tomato & co")
        .body("<p>Ripe tomato &amp; \"basil\" &lt;img src=x onerror=alert(1)&gt;</p>")
        .publish()
        .create(&app, &editor.access)
        .await;
    let hit = &search(&app, None, json!({ "q": "tomato " })).await["edges"][0]["node"];
    assert_eq!(
        hit["highlights"]["title"],
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Tomato</mark> &amp; co"
    );
    let body = hit["highlights"]["body"].as_str().unwrap();
    // The body's text, escaped again (the headline parser may stop at
    // what looks like a tag).
    assert!(
        body.starts_with("Ripe <mark>tomato</mark> &amp; &quot;basil&quot; &lt;img"),
        "{body}"
    );
    assert!(!body.contains("<img"), "{body}");
    let custom = &search(
        &app,
        None,
        json!({ "q": "tomato ", "h": { "preTag": "[[", "postTag": "]]" } }),
    )
    .await["edges"][0]["node"]["highlights"];
    assert_eq!(
        custom["title"],
        "&lt;script&gt;alert(1)&lt;/script&gt; [[Tomato]] &amp; co"
    );
}

#[tokio::test]
async fn facets_count_every_result_and_follow_the_filters() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let food = CategoryBuilder::new("Food")
        .create(&app, &editor.access)
        .await;
    let baking = CategoryBuilder::new("Baking")
        .parent(&food)
        .create(&app, &editor.access)
        .await;
    let travel = CategoryBuilder::new("Travel")
        .create(&app, &editor.access)
        .await;
    let quick = TagBuilder::new("Quick").create(&app, &editor.access).await;
    let cheap = TagBuilder::new("Cheap").create(&app, &editor.access).await;
    let items = [
        ("article", Some(&baking), vec![&quick], "Bread recipe"),
        ("article", Some(&food), vec![&quick, &cheap], "Soup recipe"),
        ("page", Some(&travel), vec![&cheap], "Recipe index"),
        ("article", None, vec![], "Cake recipe"),
    ];
    for (kind, category, tags, title) in items {
        ContentBuilder::new(title)
            .of_type(kind)
            .category(category)
            .tags(&tags)
            .body("<p>A recipe.</p>")
            .publish()
            .create(&app, &editor.access)
            .await;
    }
    // An author's published item: the authors facet counts two people.
    let own = ContentBuilder::new("Pie recipe")
        .create(&app, &author.access)
        .await;
    crate::fixtures::publish(&app, &editor.access, &own).await;

    let all = search(
        &app,
        None,
        json!({ "q": "recipe", "facets": {}, "first": 2 }),
    )
    .await;
    assert_eq!(all["totalCount"], 5);
    assert_eq!(
        all["edges"].as_array().unwrap().len(),
        2,
        "a page, counts of all"
    );
    let f = &all["facets"];
    assert_eq!(
        f["types"],
        json!([
            { "type": { "apiId": "article" }, "count": 4 },
            { "type": { "apiId": "page" }, "count": 1 },
        ])
    );
    // Food counts Baking's item too.
    assert_eq!(
        f["categories"],
        json!([
            { "category": { "name": "Food" }, "count": 2 },
            { "category": { "name": "Baking" }, "count": 1 },
            { "category": { "name": "Travel" }, "count": 1 },
        ])
    );
    // Equal counts come in id order: compare as a sorted list.
    let mut tags: Vec<(String, i64)> = f["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["tag"]["name"].as_str().unwrap().to_string(),
                t["count"].as_i64().unwrap(),
            )
        })
        .collect();
    tags.sort();
    assert_eq!(
        tags,
        vec![("Cheap".to_string(), 2), ("Quick".to_string(), 2)]
    );
    let authors: Vec<i64> = f["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["count"].as_i64().unwrap())
        .collect();
    assert_eq!(authors, vec![4, 1]);
    let published: i64 = f["published"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_i64().unwrap())
        .sum();
    assert_eq!(published, 5, "every published hit is in a bucket");

    // Under a category filter (with descendants) and a type filter.
    let food_only = search(
        &app,
        None,
        json!({ "q": "recipe", "facets": { "published": null }, "f": { "categories": [food] } }),
    )
    .await;
    assert_eq!(food_only["totalCount"], 2);
    assert_eq!(
        food_only["facets"]["types"],
        json!([{ "type": { "apiId": "article" }, "count": 2 }])
    );
    assert_eq!(food_only["facets"]["published"], json!([]));
    let pages = search(
        &app,
        None,
        json!({ "q": "recipe", "facets": {}, "f": { "types": ["page"], "tags": [cheap] } }),
    )
    .await;
    assert_eq!(titles(&pages), vec!["Recipe index"]);
    assert_eq!(
        pages["facets"]["tags"],
        json!([{ "tag": { "name": "Cheap" }, "count": 1 }])
    );
    assert_eq!(
        pages["facets"]["categories"],
        json!([{ "category": { "name": "Travel" }, "count": 1 }])
    );
    // Without `facets`, none are counted.
    assert_eq!(
        search(&app, None, json!({ "q": "recipe" })).await["facets"],
        Value::Null
    );
    // A boost reorders by type.
    let boosted = search(
        &app,
        None,
        json!({ "q": "recipe", "b": [{ "type": "page", "factor": 10.0 }] }),
    )
    .await;
    assert_eq!(titles(&boosted)[0], "Recipe index");
}

#[tokio::test]
async fn typos_fall_back_to_the_correction_and_suggest_it() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    ContentBuilder::new("Search engines explained")
        .body("<p>How an index answers a question.</p>")
        .publish()
        .create(&app, &editor.access)
        .await;
    let serch = search(&app, None, json!({ "q": "serch" })).await;
    assert_eq!(titles(&serch), vec!["Search engines explained"]);
    assert_eq!(serch["didYouMean"], "search");
    assert_eq!(serch["correctedQuery"], "search");
    // Paging the corrected results stays on the correction.
    let cursor = serch["edges"][0]["cursor"].clone();
    let next = search(&app, None, json!({ "q": "serch", "after": cursor })).await;
    assert_eq!(next["edges"], json!([]));
    // The typo keeps the query's syntax around it.
    let phrase = search(&app, None, json!({ "q": "\"serch engines\" -cooking" })).await;
    assert_eq!(phrase["didYouMean"], "\"search engines\" -cooking");
    assert_eq!(titles(&phrase), vec!["Search engines explained"]);
    // A query found as typed is not corrected.
    let plain = search(&app, None, json!({ "q": "search" })).await;
    assert_eq!(plain["didYouMean"], Value::Null);
    assert_eq!(plain["correctedQuery"], Value::Null);
    assert_eq!(plain["similarTitles"], false);
}

#[tokio::test]
async fn suggestions_complete_titles_and_words() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    for (title, body) in [
        (
            "Searching for meaning",
            "<p>Season after season, the searchers searched.</p>",
        ),
        ("Seasonal menus", "<p>Soup of the season.</p>"),
        ("Winter garden", "<p>A season in the garden.</p>"),
    ] {
        ContentBuilder::new(title)
            .body(body)
            .publish()
            .create(&app, &editor.access)
            .await;
    }
    let body = raw(&app, None, SUGGEST, json!({ "p": "sea" })).await;
    let s = &body["data"]["searchSuggest"];
    let mut got: Vec<&str> = s["titles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["content"]["title"].as_str().unwrap())
        .collect();
    got.sort_unstable();
    assert_eq!(got, vec!["Searching for meaning", "Seasonal menus"]);
    assert_eq!(
        s["titles"][0]["highlights"]["title"]
            .as_str()
            .unwrap()
            .matches("<mark>")
            .count(),
        1
    );
    let queries: Vec<&str> = s["queries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q.as_str().unwrap())
        .collect();
    // Words of every published item; the most used first.
    assert_eq!(queries[0], "season");
    for word in ["searched", "searchers", "searching", "seasonal"] {
        assert!(queries.contains(&word), "{word} in {queries:?}");
    }
    let body = raw(
        &app,
        None,
        SUGGEST,
        json!({ "p": "winter gar", "first": 3 }),
    )
    .await;
    assert_eq!(
        body["data"]["searchSuggest"]["queries"],
        json!(["winter garden"])
    );
    let body = raw(&app, None, SUGGEST, json!({ "p": "   " })).await;
    assert_eq!(
        body["data"]["searchSuggest"],
        json!({ "titles": [], "queries": [] })
    );
    let body = raw(&app, None, SUGGEST, json!({ "p": "x".repeat(101) })).await;
    assert_eq!(codes(&body), vec!["BAD_USER_INPUT"]);
    for first in [0, 21, -1] {
        let body = raw(&app, None, SUGGEST, json!({ "p": "sea", "first": first })).await;
        assert_eq!(codes(&body), vec!["BAD_USER_INPUT"], "first: {first}");
    }
}

#[tokio::test]
async fn pages_never_repeat_or_skip() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    for n in 0..23 {
        // Equal scores for most, to exercise the id tie-break.
        let body = if n % 3 == 0 {
            "<p>pagination pagination</p>"
        } else {
            "<p>pagination</p>"
        };
        ContentBuilder::new(&format!("Item {n}"))
            .body(body)
            .publish()
            .create(&app, &editor.access)
            .await;
    }
    let mut seen = Vec::new();
    let mut after = Value::Null;
    let mut scores: Vec<f64> = Vec::new();
    loop {
        let page = search(
            &app,
            None,
            json!({ "q": "pagination", "first": 5, "after": after }),
        )
        .await;
        for e in page["edges"].as_array().unwrap() {
            seen.push(e["node"]["content"]["id"].as_str().unwrap().to_string());
            scores.push(e["node"]["score"].as_f64().unwrap());
        }
        if page["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(seen.len(), 23);
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 23, "no item twice");
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    // A cursor from elsewhere is bad input, not a crash.
    for after in ["nope", "dHx4fHh8eA", "cXx8fHx8"] {
        let body = raw(
            &app,
            None,
            SEARCH,
            json!({ "q": "pagination", "after": after }),
        )
        .await;
        assert_eq!(codes(&body), vec!["BAD_USER_INPUT"], "{after}");
    }
}

#[tokio::test]
async fn each_item_is_stemmed_in_its_own_language() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    ContentBuilder::new("Unsere Häuser")
        .body("<p>Die Häuser stehen am Fluss.</p>")
        .input(json!({ "locale": "de" }))
        .publish()
        .create(&app, &editor.access)
        .await;
    ContentBuilder::new("Houses by the river")
        .body("<p>The houses stand by the river.</p>")
        .publish()
        .create(&app, &editor.access)
        .await;
    // German stemming: `Haus` finds `Häuser`; English: `house` finds `houses`.
    assert_eq!(found(&app, "Haus ").await, vec!["Unsere Häuser"]);
    assert_eq!(found(&app, "house ").await, vec!["Houses by the river"]);
    // German stop words are dropped in German items only.
    let de = search(
        &app,
        None,
        json!({ "q": "die Häuser ", "f": { "locale": "de" } }),
    )
    .await;
    assert_eq!(titles(&de), vec!["Unsere Häuser"]);
    let body = raw(
        &app,
        None,
        SEARCH,
        json!({ "q": "x", "f": { "locale": "de'; drop" } }),
    )
    .await;
    assert_eq!(codes(&body), vec!["BAD_USER_INPUT"]);
}

/// What the public (or `token`) is told about `word`s: counts, facets,
/// corrections and suggestions.
async fn told(app: &TestApp, token: Option<&str>, words: &[&str]) -> Vec<Value> {
    let mut out = Vec::new();
    for word in words {
        let mut found = search(app, token, json!({ "q": word, "facets": {} })).await;
        // Scores depend on nothing a draft writes, but are floats: drop them.
        for e in found["edges"].as_array_mut().unwrap() {
            e["node"]["score"] = Value::Null;
            e["cursor"] = Value::Null;
        }
        found["pageInfo"]["endCursor"] = Value::Null;
        out.push(found);
        let prefix: String = word.chars().take(4).collect();
        out.push(raw(app, token, SUGGEST, json!({ "p": prefix })).await["data"].clone());
    }
    out
}

#[tokio::test]
async fn drafts_never_leak_into_results_counts_facets_or_suggestions() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let other = app.user_with_role("other@example.com", "AUTHOR").await;
    let viewer = app.sign_up("viewer@example.com").await;
    let tag = TagBuilder::new("Secretive")
        .create(&app, &editor.access)
        .await;
    let live = ContentBuilder::new("Common ground")
        .body("<p>A common story.</p>")
        .create(&app, &author.access)
        .await;
    crate::fixtures::publish(&app, &editor.access, &live).await;
    let words = ["common", "zyxwvutsr", "qwertyuiop", "zyxwvutsx"];
    let anonymous_before = told(&app, None, &words).await;
    let viewer_before = told(&app, Some(&viewer.access), &words).await;
    let other_before = told(&app, Some(&other.access), &words).await;

    // A draft with a unique word, and an unpublished edit of a live item
    // adding another, both also saying `common` and tagged.
    let draft = ContentBuilder::new("Zyxwvutsr common plans")
        .body("<p>zyxwvutsr common</p>")
        .tags(&[&tag])
        .create(&app, &author.access)
        .await;
    ContentUpdate::new(&live, 2)
        .input(json!({ "title": "Common ground qwertyuiop", "body": "<p>qwertyuiop common common</p>", "tagIds": [tag] }))
        .run(&app, &author.access)
        .await;

    assert_eq!(
        told(&app, None, &words).await,
        anonymous_before,
        "anonymous"
    );
    assert_eq!(
        told(&app, Some(&viewer.access), &words).await,
        viewer_before,
        "viewer"
    );
    assert_eq!(
        told(&app, Some(&other.access), &words).await,
        other_before,
        "another author"
    );

    // Its author finds both drafts; so do editors.
    for token in [&author.access, &editor.access] {
        assert_eq!(
            titles(&search(&app, Some(token), json!({ "q": "zyxwvutsr" })).await),
            vec!["Zyxwvutsr common plans"]
        );
        assert_eq!(
            titles(&search(&app, Some(token), json!({ "q": "qwertyuiop" })).await),
            vec!["Common ground qwertyuiop"]
        );
    }
    // Once published, the public finds the draft's word.
    crate::fixtures::publish(&app, &editor.access, &draft).await;
    assert_eq!(
        found(&app, "zyxwvutsr").await,
        vec!["Zyxwvutsr common plans"]
    );
}

#[tokio::test]
async fn the_anonymous_cache_is_dropped_on_publish() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    assert!(found(&app, "marmalade").await.is_empty());
    let id = ContentBuilder::new("Marmalade")
        .create(&app, &editor.access)
        .await;
    assert!(found(&app, "marmalade").await.is_empty());
    crate::fixtures::publish(&app, &editor.access, &id).await;
    assert_eq!(found(&app, "marmalade").await, vec!["Marmalade"]);
}

const INSIGHTS: &str = "query($from: Date!, $to: Date!) { searchInsights(from: $from, to: $to) {
    searches zeroResultSearches clicks clickThroughRate
    days { searches }
    topQueries { query searches zeroResults clicks clickThroughRate averageClickPosition }
    zeroResultQueries { query zeroResults }
    topClicked { content { title } clicks } } }";

#[tokio::test]
async fn analytics_count_queries_and_clicks_without_people() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let author = app.user_with_role("author@example.com", "AUTHOR").await;
    let id = ContentBuilder::new("Lemon tart")
        .publish()
        .create(&app, &editor.access)
        .await;
    for q in [
        "Lemon  TART",
        "lemon tart",
        "jane@example.com order 1234567",
    ] {
        search(&app, None, json!({ "q": q })).await;
    }
    // Editors' searches are not readers' searches.
    search(&app, Some(&editor.access), json!({ "q": "lemon tart" })).await;
    let click =
        "mutation($i: RecordSearchClickInput!) { recordSearchClick(input: $i) { accepted } }";
    let body = raw(
        &app,
        None,
        click,
        json!({ "i": { "query": "lemon tart", "contentId": id, "position": 2 } }),
    )
    .await;
    assert_eq!(body["data"]["recordSearchClick"]["accepted"], true);
    // A click for a query nobody searched plants nothing.
    raw(
        &app,
        None,
        click,
        json!({ "i": { "query": "never searched", "contentId": id, "position": 1 } }),
    )
    .await;
    let body = raw(
        &app,
        None,
        click,
        json!({ "i": { "query": "x", "contentId": id, "position": 0 } }),
    )
    .await;
    assert_eq!(codes(&body), vec!["BAD_USER_INPUT"]);
    let long = "y".repeat(201);
    let body = raw(
        &app,
        None,
        click,
        json!({ "i": { "query": long, "contentId": id, "position": 1 } }),
    )
    .await;
    assert_eq!(codes(&body), vec!["BAD_USER_INPUT"]);

    let today = chrono::Utc::now().date_naive().to_string();
    let vars = json!({ "from": today, "to": today });
    let body = raw(&app, Some(&editor.access), INSIGHTS, vars.clone()).await;
    let i = &body["data"]["searchInsights"];
    assert_eq!(i["searches"], 3, "{body}");
    assert_eq!(i["zeroResultSearches"], 1);
    assert_eq!(i["clicks"], 1);
    assert_eq!(
        i["topQueries"][0],
        json!({
            "query": "lemon tart", "searches": 2, "zeroResults": 0, "clicks": 1,
            "clickThroughRate": 0.5, "averageClickPosition": 2.0
        })
    );
    assert_eq!(
        i["zeroResultQueries"],
        json!([{ "query": "<email> order <number>", "zeroResults": 1 }])
    );
    assert_eq!(
        i["topClicked"],
        json!([{ "content": { "title": "Lemon tart" }, "clicks": 1 }])
    );
    let stored = app
        .sql_strings("SELECT query AS value FROM search_query_stats ORDER BY query")
        .await;
    assert!(!format!("{stored:?}").contains("jane"), "{stored:?}");
    let body = raw(&app, Some(&author.access), INSIGHTS, vars).await;
    assert_eq!(codes(&body), vec!["FORBIDDEN"]);
    let body = raw(
        &app,
        Some(&editor.access),
        INSIGHTS,
        json!({ "from": today, "to": "2020-01-01" }),
    )
    .await;
    assert_eq!(codes(&body), vec!["BAD_USER_INPUT"]);
    let body = raw(
        &app,
        Some(&editor.access),
        INSIGHTS,
        json!({ "from": "2020-01-01", "to": today }),
    )
    .await;
    assert_eq!(
        codes(&body),
        vec!["BAD_USER_INPUT"],
        "a period over 366 days"
    );
}

#[tokio::test]
async fn bad_search_arguments_are_bad_input() {
    let app = TestApp::spawn().await;
    let long = "x".repeat(201);
    for vars in [
        json!({ "q": "" }),
        json!({ "q": "   " }),
        json!({ "q": long }),
        json!({ "q": "x", "first": 0 }),
        json!({ "q": "x", "first": 51 }),
        json!({ "q": "x", "f": { "types": ["nope"] } }),
        json!({ "q": "x", "b": [{ "type": "article", "factor": 11.0 }] }),
        json!({ "q": "x", "facets": { "tagLimit": 0 } }),
        json!({ "q": "x", "h": { "preTag": "y".repeat(101) } }),
        json!({ "q": "x", "f": { "tags": vec![uuid::Uuid::nil(); 101] } }),
    ] {
        let body = raw(&app, None, SEARCH, vars.clone()).await;
        assert_eq!(codes(&body), vec!["BAD_USER_INPUT"], "{vars}: {body}");
    }
}

/// The vocabulary as it must be: the words of every live, untrashed
/// item's live version, counted once per item.
const EXPECTED_TERMS: &str = "SELECT coalesce(string_agg(term || ':' || n, ' ' ORDER BY term), '') AS value FROM (
    SELECT w AS term, count(*) AS n FROM content_items i
    JOIN content_versions v ON v.content_id = i.id AND v.version = i.live_version
    CROSS JOIN unnest(vellum_search_words(v.locale, v.title, v.excerpt, v.seo_description, v.body_html)) w
    WHERE i.deleted_at IS NULL GROUP BY w) t";
const HELD_TERMS: &str = "SELECT coalesce(string_agg(term || ':' || docs, ' ' ORDER BY term), '') AS value FROM search_terms";
/// The documents as they must be: an item's working and live versions,
/// unless trashed, flagged as such.
const EXPECTED_DOCS: &str = "SELECT coalesce(string_agg(i.id || '/' || v.version || '/' || (v.version IS NOT DISTINCT FROM i.live_version) || '/' || (v.version = i.working_version), ' ' ORDER BY i.id, v.version), '') AS value
    FROM content_items i JOIN content_versions v ON v.content_id = i.id AND (v.version = i.working_version OR v.version = i.live_version)
    WHERE i.deleted_at IS NULL";
const HELD_DOCS: &str = "SELECT coalesce(string_agg(content_id || '/' || version || '/' || is_live || '/' || is_working, ' ' ORDER BY content_id, version), '') AS value FROM content_search";

/// A mutation by `token` that must succeed.
async fn done(app: &TestApp, token: &str, query: &str, vars: Value) -> Value {
    let body = raw(app, Some(token), query, vars).await;
    assert!(body.get("errors").is_none(), "{body}");
    body
}

async fn index_is_exact(app: &TestApp, step: &str) {
    assert_eq!(
        app.sql_strings(HELD_DOCS).await,
        app.sql_strings(EXPECTED_DOCS).await,
        "documents after {step}"
    );
    assert_eq!(
        app.sql_strings(HELD_TERMS).await,
        app.sql_strings(EXPECTED_TERMS).await,
        "vocabulary after {step}"
    );
}

#[tokio::test]
async fn the_index_follows_every_change_exactly() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    let tag = TagBuilder::new("Orchard")
        .create(&app, &editor.access)
        .await;
    let a = ContentBuilder::new("Apple harvest")
        .body("<p>Crisp apples, early autumn.</p>")
        .tags(&[&tag])
        .publish()
        .create(&app, &editor.access)
        .await;
    let b = ContentBuilder::new("Pear harvest")
        .body("<p>Soft pears, late autumn.</p>")
        .create(&app, &editor.access)
        .await;
    index_is_exact(&app, "create and publish").await;
    let op = |name: &str| {
        format!("mutation($i: ContentIdInput!) {{ {name}(input: $i) {{ content {{ id }} }} }}")
    };
    let trash = "mutation($i: DeleteByIdInput!) { deleteContent(input: $i) { content { id } } }";
    let restore = "mutation($i: DeleteByIdInput!) { restoreContent(input: $i) { content { id } } }";
    ContentUpdate::new(&a, 2)
        .input(json!({ "body": "<p>Crisp apples, cider season.</p>" }))
        .run(&app, &editor.access)
        .await;
    index_is_exact(&app, "an unpublished edit").await;
    assert_eq!(
        found(&app, "cider").await,
        Vec::<String>::new(),
        "the edit is not live"
    );
    crate::fixtures::publish(&app, &editor.access, &a).await;
    index_is_exact(&app, "publishing the edit").await;
    assert_eq!(found(&app, "cider").await, vec!["Apple harvest"]);
    crate::fixtures::publish(&app, &editor.access, &b).await;
    done(
        &app,
        &editor.access,
        &op("unpublishContent"),
        json!({ "i": { "id": a } }),
    )
    .await;
    index_is_exact(&app, "unpublishing").await;
    assert!(found(&app, "cider").await.is_empty());
    let body = raw(&app, None, SUGGEST, json!({ "p": "cid" })).await;
    assert_eq!(
        body["data"]["searchSuggest"]["queries"],
        json!([]),
        "no word of an unpublished item"
    );
    done(&app, &editor.access, trash, json!({ "i": { "id": b } })).await;
    index_is_exact(&app, "trashing").await;
    assert!(found(&app, "pears").await.is_empty());
    done(&app, &editor.access, restore, json!({ "i": { "id": b } })).await;
    index_is_exact(&app, "restoring").await;
    crate::fixtures::publish(&app, &editor.access, &a).await;
    // A renamed tag is found by its new name.
    let rename = "mutation($i: TagInput!) { updateTag(input: $i) { tag { id } } }";
    done(
        &app,
        &editor.access,
        rename,
        json!({ "i": { "id": tag, "name": "Greenhouse" } }),
    )
    .await;
    index_is_exact(&app, "renaming a tag").await;
    assert_eq!(found(&app, "greenhouse").await, vec!["Apple harvest"]);
    assert!(found(&app, "orchard ").await.is_empty());
    app.sql("DELETE FROM content_items").await;
    index_is_exact(&app, "deleting every item").await;
    assert_eq!(app.sql_strings(HELD_TERMS).await, vec![String::new()]);
}

#[tokio::test]
async fn the_cli_rebuilds_the_index_and_prints_the_sql_searches_run() {
    let app = TestApp::spawn().await;
    let editor = app.user_with_role("editor@example.com", "EDITOR").await;
    ContentBuilder::new("Quince jelly")
        .body("<p>Slow cooked quinces.</p>")
        .publish()
        .create(&app, &editor.access)
        .await;
    ContentBuilder::new("Quince draft")
        .create(&app, &editor.access)
        .await;
    app.sql("TRUNCATE search_terms; DELETE FROM content_search")
        .await;
    assert!(found(&app, "quince").await.is_empty());
    let url = app.db_url.clone();
    let output = tokio::task::spawn_blocking(move || {
        crate::cli::vellum()
            .arg("search-reindex")
            .env("DATABASE_URL", &url)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("reindexed 2 items"),
        "{output:?}"
    );
    index_is_exact(&app, "search-reindex").await;
    // The server drops its cached answer when the reindex's event arrives.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while found(&app, "quince").await.is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the cached empty answer outlived the reindex"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(found(&app, "quince").await, vec!["Quince jelly"]);

    // Every statement `search-sql` prints runs as it is (what the
    // benchmark hands to pgbench).
    for args in [
        vec!["search-sql", "quince jel"],
        vec!["search-sql", "--corrected", "quince", "quinse"],
        vec!["search-sql", "--suggest", "--limit", "8", "qui"],
    ] {
        let output = crate::cli::vellum().args(&args).output().unwrap();
        assert!(output.status.success(), "{output:?}");
        let statements = String::from_utf8(output.stdout).unwrap();
        assert!(statements.lines().count() >= 2, "{statements}");
        app.sql(&statements).await;
    }
}
