/* kg explorer: the page's logic (vis-network canvas + side panel).
 *
 * Data comes from one of two sources with the same methods: the JSON API of `kg serve`
 * (kg/serve/explorer.py) or, in the file written by `kg export html`, the graph embedded in
 * <script type="application/json" id="kg-data">. Every text from the graph is put in the page
 * with textContent / createTextNode (never innerHTML), and the canvas draws labels as text.
 */
"use strict";
(() => {
  const TYPE_COLORS = {
    Paper: "#8d99a6", Method: "#4e79a7", Dataset: "#f28e2b", Metric: "#59a14f", Task: "#b07aa1", Result: "#e15759",
  };
  // Nodes drawn before any interaction, the most connected ones (300, or ?limit=N in the page's URL).
  const FIRST_RENDER = Number(new URLSearchParams(window.location.search).get("limit")) || 300;
  const $ = (id) => document.getElementById(id);

  // ---- data sources -------------------------------------------------------------------
  function serverSource() {
    const get = async (route, params) => {
      const response = await fetch(`api/${route}?${new URLSearchParams(params)}`);
      if (!response.ok) throw new Error(`${route}: HTTP ${response.status}`);
      return response.json();
    };
    return {
      meta: () => get("meta", {}),
      search: (q) => get("search", { q, limit: 15 }),
      top: (types, limit) => get("graph", { types: types.join(","), limit }),
      neighbors: (id, types) => get("neighbors", { id, types: types.join(",") }),
      node: (id) => get("node", { id }),
    };
  }

  /* The embedded graph answers the same questions as kg/serve/api.py's GraphView. */
  function staticSource(data) {
    const byId = new Map(data.nodes.map((n) => [n.id, n]));
    const adjacent = new Map(data.nodes.map((n) => [n.id, new Set()]));
    for (const l of data.links) {
      adjacent.get(l.source).add(l.target);
      adjacent.get(l.target).add(l.source);
    }
    const summary = (n) => ({ id: n.id, type: n.type, name: n.name, degree: n.degree });
    const byDegree = (a, b) => b.degree - a.degree || (a.id < b.id ? -1 : 1);
    const subgraph = (ids, extra) => {
      const keep = new Set(ids);
      return {
        nodes: ids.map((id) => summary(byId.get(id))),
        links: data.links.filter((l) => keep.has(l.source) && keep.has(l.target)),
        ...extra,
      };
    };
    const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const ofTypes = (types) => (n) => !types.length || types.includes(n.type);
    return {
      meta: async () => data.meta,
      search: async (query) => {
        const q = query.trim().toLowerCase();
        if (!q) return [];
        const word = new RegExp(`\\b${escape(q)}`);
        const hits = [];
        for (const n of data.nodes) {
          let best = null;
          for (const label of [n.name, ...n.aliases]) {
            const low = label.toLowerCase();
            const rank = low === q ? 0 : low.startsWith(q) ? 1 : word.test(low) ? 2 : low.includes(q) ? 3 : null;
            if (rank !== null && (best === null || rank < best.rank)) best = { rank, label };
          }
          if (best) hits.push({ ...summary(n), match: best.label, rank: best.rank });
        }
        hits.sort((a, b) => a.rank - b.rank || byDegree(a, b));
        return hits.slice(0, 15);
      },
      top: async (types, limit) => {
        const ids = data.nodes.filter(ofTypes(types)).sort(byDegree).slice(0, limit).map((n) => n.id);
        return subgraph(ids, { total: data.nodes.length });
      },
      neighbors: async (id, types) => {
        const around = [...adjacent.get(id)].map((m) => byId.get(m)).filter(ofTypes(types)).sort(byDegree);
        return subgraph([id, ...around.slice(0, 200).map((n) => n.id)], { center: id, total: around.length });
      },
      node: async (id) => data.details[id],
    };
  }

  const embedded = $("kg-data");
  const source = embedded ? staticSource(JSON.parse(embedded.textContent)) : serverSource();

  // ---- DOM helpers (text only) ------------------------------------------------------------
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }
  const badge = (type) => el("span", { class: `badge ${type}` }, type);
  const nodeLink = (n, cls = "link") => el("button", { class: cls, type: "button", onclick: () => select(n.id, true) }, n.name);
  const chip = (n) => nodeLink(n, "chip");
  const safeUrl = (url) => (/^https?:\/\//i.test(url) ? url : null);

  // ---- the graph view -----------------------------------------------------------------
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const hiddenTypes = new Set();
  const reasons = new Map(); // node id -> how many things keep it on screen (first render, expansions, selections)
  const expansions = new Map(); // expanded node id -> ids it added
  let allTypes = [];

  const network = new vis.Network($("graph"), { nodes, edges }, {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    nodes: {
      shape: "dot", borderWidth: 1,
      scaling: { min: 5, max: 34, label: { enabled: true, min: 10, max: 22, drawThreshold: 7, maxVisible: 22 } },
      font: { color: "#1f2328", strokeWidth: 3, strokeColor: "#ffffff" },
    },
    edges: {
      width: 0.6, smooth: false, color: { color: "#c5cbd3", highlight: "#3b4450", hover: "#3b4450" },
      arrows: { to: { enabled: true, scaleFactor: 0.35 } },
    },
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -45, centralGravity: 0.008, springLength: 90, avoidOverlap: 0.3 },
      stabilization: { iterations: 300, updateInterval: 10, fit: false }, // firstRender fits; expansions keep the view
    },
    interaction: { hover: true, hideEdgesOnDrag: true, hideEdgesOnZoom: true, multiselect: false },
  });
  // Freeze the layout once the requested iterations ran (vis would otherwise simulate until still).
  const freeze = () => network.setOptions({ physics: { enabled: false } });
  network.on("stabilizationIterationsDone", freeze);
  network.on("stabilized", freeze);

  const visibleTypes = () => allTypes.filter((t) => !hiddenTypes.has(t));
  const shortLabel = (n) => (n.name.length > 48 ? `${n.name.slice(0, 46)}…` : n.name);

  function addSubgraph(sub, near) {
    const origin = near ? network.getPosition(near) : null;
    const fresh = sub.nodes.filter((n) => !nodes.get(n.id));
    nodes.add(fresh.map((n, i) => {
      const angle = (2 * Math.PI * i) / Math.max(fresh.length, 1);
      const at = origin ? { x: origin.x + 160 * Math.cos(angle), y: origin.y + 160 * Math.sin(angle) } : {};
      return {
        // Paper titles are long: shown on hover (a text-only tooltip element) and in the panel, not on the canvas.
        id: n.id, label: n.type === "Paper" ? undefined : shortLabel(n), title: el("span", {}, n.name),
        value: Math.log2(2 + n.degree) * (n.type === "Paper" ? 0.6 : 1), kgType: n.type,
        color: { background: TYPE_COLORS[n.type] || "#999", border: "#ffffff" },
        shape: n.type === "Paper" ? "square" : n.type === "Result" ? "diamond" : "dot",
        hidden: hiddenTypes.has(n.type), ...at,
      };
    }));
    edges.add(sub.links
      .map((l) => ({ id: `${l.source}\u0000${l.relation}\u0000${l.target}`, from: l.source, to: l.target, relation: l.relation }))
      .filter((e) => !edges.get(e.id)));
    for (const n of sub.nodes) reasons.set(n.id, (reasons.get(n.id) || 0) + 1);
    return fresh.map((n) => n.id);
  }

  function removeNodes(ids) {
    const gone = ids.filter((id) => {
      reasons.set(id, (reasons.get(id) || 1) - 1);
      return reasons.get(id) <= 0;
    });
    for (const id of gone) {
      reasons.delete(id);
      expansions.delete(id);
      edges.remove(network.getConnectedEdges(id));
    }
    nodes.remove(gone);
  }

  // Layout iterations cost O(n log n) each (Barnes-Hut): fewer of them on big views keeps the page responsive.
  const iterations = (most) => Math.max(25, Math.min(most, Math.round(90000 / Math.max(nodes.length, 1))));

  function relayout() {
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(iterations(120));
  }

  function status() {
    const shown = nodes.get({ filter: (n) => !n.hidden }).length;
    $("status").textContent = `${shown} nodes shown of ${meta.nodes} (${meta.links} links)`;
  }

  async function expand(id) {
    if (expansions.has(id)) return;
    const sub = await source.neighbors(id, visibleTypes());
    expansions.set(id, sub.nodes.map((n) => n.id));
    addSubgraph(sub, nodes.get(id) ? id : null);
    relayout();
    status();
  }

  function collapse(id) {
    const added = expansions.get(id);
    if (!added) return;
    expansions.delete(id);
    removeNodes(added.filter((m) => m !== id));
    reasons.set(id, Math.max(1, (reasons.get(id) || 1) - 1));
    status();
  }

  async function firstRender() {
    nodes.clear();
    edges.clear();
    reasons.clear();
    expansions.clear();
    addSubgraph(await source.top(allTypes, FIRST_RENDER), null);
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(iterations(300));
    network.once("stabilizationIterationsDone", () => network.fit());
    status();
  }

  // ---- the side panel -----------------------------------------------------------------
  let selected = null;

  function section(title, ...body) {
    return [el("h3", {}, title), ...body];
  }

  function evidence(m) {
    return el("div", { class: "evidence" }, m.before, m.mark ? el("mark", {}, m.mark) : null, m.after);
  }

  function segments(parts) {
    return parts.map((s) => (s.node
      ? el("mark", { class: "ent", title: s.type, onclick: () => select(s.node, true) }, s.text)
      : s.text));
  }

  function queryBlock(label, text) {
    const pre = el("pre", { class: "query" }, text);
    const copy = el("button", {
      type: "button",
      onclick: async () => {
        try {
          await navigator.clipboard.writeText(text);
          copy.textContent = "Copied";
        } catch {
          window.getSelection().selectAllChildren(pre);
          copy.textContent = "Selected: press Ctrl+C";
        }
      },
    }, `Copy ${label}`);
    return [el("div", { class: "actions" }, el("strong", {}, label), copy), pre];
  }

  function renderDetail(d) {
    const expanded = expansions.has(d.id);
    const parts = [
      el("div", {}, badge(d.type), " ", el("span", { class: "muted" }, `${d.degree} links`)),
      el("h2", {}, d.type === "Paper" ? segments(d.title) : d.name),
      el("div", { class: "actions" },
        el("button", { type: "button", id: "toggle-expand", onclick: async () => {
          if (expansions.has(d.id)) collapse(d.id); else await expand(d.id);
          renderDetail(d);
        } }, expanded ? "Collapse neighbours" : "Expand neighbours"),
        el("button", { type: "button", onclick: () => network.focus(d.id, { scale: 0.9, animation: true }) }, "Centre")),
    ];
    if (d.aliases.length) parts.push(el("div", {}, el("span", { class: "muted" }, "Also known as: "), d.aliases.join(" · ")));
    if (d.authors && d.authors.length) parts.push(el("div", { class: "muted" }, d.authors.join(", ")));
    const links = d.links.filter((l) => safeUrl(l.url));
    if (links.length) {
      parts.push(el("div", { class: "chips" }, links.map((l) => el("a", {
        class: "chip", href: safeUrl(l.url), target: "_blank", rel: "noopener noreferrer",
      }, l.label))));
    }
    const props = Object.entries(d.properties);
    if (props.length) {
      parts.push(...section("Properties", el("dl", {}, props.flatMap(([k, v]) => [
        el("dt", {}, k), el("dd", {}, Array.isArray(v) ? v.join(", ") : String(v))]))));
    }
    if (d.parents.length) parts.push(...section("Parent", el("div", { class: "chips" }, d.parents.map(chip))));
    if (d.variants.length) {
      parts.push(...section(`Variants (${d.variants.length})`, el("div", { class: "chips" }, d.variants.map(chip))));
    }
    if (d.type === "Paper") {
      if (d.abstract.length) parts.push(...section("Abstract", el("p", { class: "abstract" }, segments(d.abstract))));
      parts.push(...section(`Mentions (${d.mentions.length})`, el("ul", { id: "mentions" }, d.mentions.map((m) => el("li", {},
        badge(m.type), " ", nodeLink(m, "link"), " ", el("span", { class: "badge rel" }, m.relation),
        m.mentions.map(evidence))))));
    } else {
      parts.push(...section(`Papers (${d.papers.length})`, el("ul", { id: "papers" }, d.papers.map((p) => el("li", {},
        el("button", { class: "link", type: "button", onclick: () => select(p.id, true) }, p.title), " ",
        el("span", { class: "badge rel" }, p.relation), p.date ? el("span", { class: "muted" }, ` ${p.date}`) : null,
        p.mentions.map(evidence))))));
    }
    if (d.results.length) {
      parts.push(...section(`Results (${d.results.length})`, el("ul", { id: "results" }, d.results.map((r) => el("li", {},
        el("strong", {}, r.name), [r.method, r.dataset, r.task].filter(Boolean).map((x) => ` · ${x}`).join(""),
        r.evidence ? el("div", { class: "evidence" }, r.evidence) : null)))));
    }
    parts.push(...section("Query", ...queryBlock("SPARQL", d.queries.sparql), ...queryBlock("Cypher", d.queries.cypher)));
    $("detail").replaceChildren(...parts);
    $("panel").hidden = false;
  }

  async function select(id, bring) {
    selected = id;
    if (bring && !nodes.get(id)) {
      const sub = await source.neighbors(id, visibleTypes());
      addSubgraph(sub, null);
      expansions.set(id, sub.nodes.map((n) => n.id));
      relayout();
      status();
    }
    if (nodes.get(id)) {
      network.selectNodes([id]);
      if (bring) network.focus(id, { scale: Math.max(network.getScale(), 0.7), animation: { duration: 400 } });
    }
    const detail = await source.node(id);
    if (selected === id) renderDetail(detail);
  }

  network.on("click", (event) => {
    if (event.nodes.length) select(event.nodes[0], false);
  });
  network.on("doubleClick", (event) => {
    const id = event.nodes[0];
    if (!id) return;
    (expansions.has(id) ? Promise.resolve(collapse(id)) : expand(id)).then(() => select(id, false));
  });
  $("close").addEventListener("click", () => {
    $("panel").hidden = true;
    selected = null;
    network.unselectAll();
  });

  // ---- search with autocomplete ---------------------------------------------------------
  const input = $("search");
  const list = $("suggestions");
  let hits = [];
  let active = -1;
  let pending = 0;

  function showSuggestions() {
    list.replaceChildren(...hits.map((h, i) => el("li", {
      role: "option", "aria-selected": String(i === active), "data-id": h.id,
      onmousedown: (event) => { event.preventDefault(); choose(i); },
    }, badge(h.type), el("span", {}, h.name), h.match !== h.name ? el("span", { class: "alias" }, `(${h.match})`) : null)));
    list.hidden = hits.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
  }

  function choose(i) {
    const hit = hits[i];
    if (!hit) return;
    input.value = hit.name;
    hits = [];
    showSuggestions();
    select(hit.id, true);
  }

  input.addEventListener("input", () => {
    const ticket = ++pending;
    setTimeout(async () => {
      if (ticket !== pending) return;
      const found = await source.search(input.value);
      if (ticket !== pending) return;
      hits = found;
      active = hits.length ? 0 : -1;
      showSuggestions();
    }, 120);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (hits.length) active = (active + (event.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      showSuggestions();
    } else if (event.key === "Enter") {
      choose(Math.max(active, 0));
    } else if (event.key === "Escape") {
      hits = [];
      showSuggestions();
    }
  });
  input.addEventListener("blur", () => { hits = []; showSuggestions(); });

  // ---- type filters -------------------------------------------------------------------
  function buildFilters(types) {
    $("filters").append(...types.map((t) => el("label", {},
      el("input", { type: "checkbox", checked: "", "data-type": t, onchange: (event) => {
        if (event.target.checked) hiddenTypes.delete(t); else hiddenTypes.add(t);
        nodes.update(nodes.get({ filter: (n) => n.kgType === t }).map((n) => ({ id: n.id, hidden: hiddenTypes.has(t) })));
        status();
      } }),
      el("span", { class: "swatch", style: `background:${TYPE_COLORS[t] || "#999"}` }), `${t} (${meta.types[t]})`)));
  }

  $("reset").addEventListener("click", () => firstRender());

  let meta = null;
  (async () => {
    meta = await source.meta();
    allTypes = Object.keys(meta.types);
    buildFilters(allTypes);
    await firstRender();
  })();

  window.kgExplorer = { network, nodes, edges, expand, collapse, select };
})();
