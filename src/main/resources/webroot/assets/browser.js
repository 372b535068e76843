/* The portal page's browser section: the latest load of each page in headless Chromium (Web Vitals, bytes and
   requests, the throttling method, the final screenshot and the filmstrip), axe-core's WCAG violations grouped by rule with how to
   fix each one, and LCP and CLS over the stored runs (uPlot, as the page's response-time chart). Everything is
   rendered here into #browser-section, in Vietnamese or English as the page is. */
(function () {
  'use strict';
  var I = window.DVC_I18N, F = window.DVC_FMT;
  var id = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop());
  var LIMIT = 100;
  var api = '/api/v1/portals/' + encodeURIComponent(id) + '/browser?limit=' + LIMIT;
  var latestApi = '/api/v1/portals/' + encodeURIComponent(id) + '/browser?limit=2';
  var REFRESH_MS = 600000, LIVE_RETRY_MS = 3000;
  var data = null, plots = [];

  var TEXT = {
    vi: {
      title: 'Trong trình duyệt của người dân', method: 'Điều tiết mạng và CPU', profile: 'Thiết bị', browser: 'Trình duyệt',
      none: 'Chưa có lần tải nào trong trình duyệt.', off: 'Chưa đo trong trình duyệt: {reason}.', failed: 'Không tải được số liệu trình duyệt.',
      mobile: 'điện thoại (412×823)', desktop: 'máy tính (1350×940)', throttle_none: 'không điều tiết (mạng và CPU của trạm giám sát)',
      'throttle_devtools-4g-4x-cpu': '4G chậm và CPU chậm 4 lần (như Lighthouse)',
      homepage: 'Trang chủ', eform: 'Trang biểu mẫu', at: 'Đo lúc (UTC+7)', outcome: 'Kết quả',
      fcp: 'Nội dung đầu tiên (FCP)', lcp: 'Nội dung lớn nhất (LCP)', cls: 'Dịch chuyển bố cục (CLS)', tbt: 'Thời gian bị chặn (TBT)',
      load: 'Sự kiện load', bytes: 'Dung lượng tải', requests: 'Số yêu cầu', failedRequests: 'Yêu cầu lỗi',
      consoleErrors: 'Lỗi trong console', mixedContent: 'Nội dung HTTP trộn lẫn', byType: 'Theo loại',
      shot: 'Ảnh màn hình cuối của {page}, lúc {at}', noShot: 'Không có ảnh màn hình.',
      film: 'Diễn biến khi tải {page}: khung hình ở những lúc trang thay đổi, tính từ lúc bắt đầu điều hướng', frame: 'Khung hình lúc {t}',
      ok: 'tải xong', navigation_failed: 'không tải được trang', deadline: 'quá thời hạn', capped: 'vượt giới hạn yêu cầu/dung lượng',
      page_crashed: 'trang làm trình duyệt bị lỗi', memory: 'vượt giới hạn bộ nhớ', browser_failed: 'trình duyệt lỗi',
      axeTitle: 'Lỗi tiếp cận theo WCAG 2.0/2.1 mức A và AA (axe-core {version})', axeNone: 'axe-core không tìm thấy lỗi nào ở lần đo gần nhất.',
      axeNotRun: 'axe-core chưa chạy được trên trang này.', colRule: 'Quy tắc', colImpact: 'Mức độ', colPages: 'Trang, số phần tử',
      colExamples: 'Ví dụ phần tử lỗi', colFix: 'Cách khắc phục', more: 'Hướng dẫn chi tiết (tiếng Anh)', elements: '{n} phần tử',
      critical: 'nghiêm trọng', serious: 'cao', moderate: 'trung bình', minor: 'thấp',
      lcpChart: 'LCP qua các lần đo (giây)', clsChart: 'CLS qua các lần đo', chartOf: 'Biểu đồ {what}',
      chartSummary: '{what}: {n} lần đo với phương pháp “{method}”; lần gần nhất {last} ({page}).', time: 'Thời gian (UTC+7)',
      sameMethod: 'Chỉ so sánh các lần đo cùng phương pháp điều tiết; lần đo với phương pháp khác không được vẽ.'
    },
    en: {
      title: 'In a citizen\'s browser', method: 'Network and CPU throttling', profile: 'Device', browser: 'Browser',
      none: 'No browser load yet.', off: 'Not measured in a browser: {reason}.', failed: 'Could not load the browser figures.',
      mobile: 'phone (412×823)', desktop: 'desktop (1350×940)', throttle_none: 'none (the watchdog\'s own network and CPU)',
      'throttle_devtools-4g-4x-cpu': 'slow 4G and a 4× slower CPU (as Lighthouse)',
      homepage: 'Homepage', eform: 'Form page', at: 'Measured at (UTC+7)', outcome: 'Outcome',
      fcp: 'First Contentful Paint (FCP)', lcp: 'Largest Contentful Paint (LCP)', cls: 'Cumulative Layout Shift (CLS)',
      tbt: 'Total Blocking Time (TBT)', load: 'Load event', bytes: 'Bytes', requests: 'Requests', failedRequests: 'Failed requests',
      consoleErrors: 'Console errors', mixedContent: 'Mixed content', byType: 'By type',
      shot: 'Final screenshot of the {page}, {at}', noShot: 'No screenshot.',
      film: 'How the {page} loaded: a frame at each moment the page changed, timed from the navigation\'s start', frame: 'Frame at {t}',
      ok: 'loaded', navigation_failed: 'page did not load', deadline: 'deadline passed', capped: 'over the request/byte caps',
      page_crashed: 'page crashed the browser', memory: 'over the memory cap', browser_failed: 'browser failed',
      axeTitle: 'WCAG 2.0/2.1 A and AA violations (axe-core {version})', axeNone: 'axe-core found no violation in the latest load.',
      axeNotRun: 'axe-core has not run on this page.', colRule: 'Rule', colImpact: 'Impact', colPages: 'Page, elements',
      colExamples: 'Example elements', colFix: 'How to fix', more: 'Details (axe-core)', elements: '{n} elements',
      critical: 'critical', serious: 'serious', moderate: 'moderate', minor: 'minor',
      lcpChart: 'LCP over the loads (seconds)', clsChart: 'CLS over the loads', chartOf: '{what} chart',
      chartSummary: '{what}: {n} loads measured with “{method}”; latest {last} ({page}).', time: 'Time (UTC+7)',
      sameMethod: 'Only loads of the same throttling method are compared; loads of another method are not drawn.'
    }
  };

  /* How to fix the common axe-core rules (WCAG 2.0/2.1 A and AA), for a portal's IT team. A rule not listed here
     shows axe-core's own one-line help and its link. */
  var FIX = {
    'image-alt': ['Thêm thuộc tính alt mô tả nội dung ảnh (alt="" cho ảnh chỉ để trang trí).',
      'Give every image an alt text that says what it shows (alt="" for decoration).'],
    'input-image-alt': ['Nút dạng ảnh (<input type="image">) cần alt nói rõ việc nút làm.',
      'An image button (<input type="image">) needs an alt saying what it does.'],
    'role-img-alt': ['Phần tử role="img" cần aria-label hoặc aria-labelledby.',
      'Elements with role="img" need an aria-label or aria-labelledby.'],
    'svg-img-alt': ['Hình SVG role="img" cần <title> hoặc aria-label.', 'An SVG with role="img" needs a <title> or aria-label.'],
    'object-alt': ['Phần tử <object> cần văn bản thay thế (aria-label hoặc nội dung bên trong).',
      '<object> elements need a text alternative (aria-label or inner text).'],
    'area-alt': ['Mỗi vùng <area> của bản đồ ảnh cần alt.', 'Every <area> of an image map needs an alt.'],
    'label': ['Gắn nhãn cho mọi ô nhập liệu: <label for="id-o-nhap"> hoặc aria-label; chữ gợi ý (placeholder) không thay được nhãn.',
      'Label every form field: <label for="field-id"> or aria-label; a placeholder is not a label.'],
    'select-name': ['Danh sách chọn (<select>) cần nhãn <label> hoặc aria-label.', 'A <select> needs a <label> or aria-label.'],
    'button-name': ['Nút bấm cần tên đọc được: chữ bên trong, aria-label hoặc title (nút chỉ có biểu tượng cũng vậy).',
      'Buttons need an accessible name: inner text, aria-label or title (icon buttons too).'],
    'link-name': ['Liên kết cần tên đọc được: chữ bên trong, alt của ảnh bên trong hoặc aria-label; không để liên kết rỗng.',
      'Links need an accessible name: inner text, an inner image\'s alt or aria-label; no empty links.'],
    'color-contrast': ['Tăng độ tương phản giữa chữ và nền lên ít nhất 4,5:1 (3:1 với chữ lớn), ví dụ chữ xám đậm hơn hoặc nền sáng hơn.',
      'Raise the text/background contrast to at least 4.5:1 (3:1 for large text), e.g. darker grey text.'],
    'html-has-lang': ['Khai báo ngôn ngữ trang: <html lang="vi">.', 'Declare the page language: <html lang="vi">.'],
    'html-lang-valid': ['Dùng mã ngôn ngữ hợp lệ trong lang, ví dụ lang="vi" hoặc lang="en".',
      'Use a valid language code in lang, e.g. lang="vi" or lang="en".'],
    'valid-lang': ['Thuộc tính lang trên phần tử con phải là mã ngôn ngữ hợp lệ (vi, en…).',
      'lang attributes on inner elements must be valid language codes (vi, en…).'],
    'document-title': ['Đặt tiêu đề trang không rỗng trong <title>, nói rõ trang và cổng.',
      'Give the page a non-empty <title> naming the page and the portal.'],
    'meta-viewport': ['Không chặn phóng to: bỏ user-scalable=no và maximum-scale nhỏ hơn 2 khỏi thẻ meta viewport.',
      'Do not block zoom: remove user-scalable=no and maximum-scale below 2 from the viewport meta tag.'],
    'meta-refresh': ['Không tự tải lại hoặc chuyển trang bằng <meta http-equiv="refresh">; dùng chuyển hướng HTTP 301/302.',
      'Do not refresh or redirect with <meta http-equiv="refresh">; use an HTTP 301/302 redirect.'],
    'frame-title': ['Mỗi <iframe> cần title mô tả nội dung nhúng.', 'Every <iframe> needs a title describing its content.'],
    'bypass': ['Thêm liên kết “Bỏ qua, đến nội dung chính” ở đầu trang hoặc dùng vùng <main> và tiêu đề.',
      'Add a "skip to main content" link at the top, or use a <main> landmark and headings.'],
    'list': ['<ul>/<ol> chỉ được chứa trực tiếp các <li> (và <script>, <template>).',
      '<ul>/<ol> may only directly contain <li> (and <script>, <template>).'],
    'listitem': ['Mỗi <li> phải nằm trong <ul> hoặc <ol>.', 'Every <li> must sit inside a <ul> or <ol>.'],
    'definition-list': ['<dl> chỉ được chứa các cặp <dt>/<dd> (hoặc <div> bọc chúng).',
      '<dl> may only contain <dt>/<dd> groups (or <div>s wrapping them).'],
    'dlitem': ['<dt>/<dd> phải nằm trong <dl>.', '<dt>/<dd> must sit inside a <dl>.'],
    'duplicate-id-aria': ['Các id được aria-labelledby hoặc label trỏ tới phải là duy nhất trong trang.',
      'IDs referenced by aria-labelledby or labels must be unique on the page.'],
    'aria-required-attr': ['Bổ sung các thuộc tính ARIA bắt buộc của role (ví dụ aria-checked cho role="checkbox").',
      'Add the ARIA attributes the role requires (e.g. aria-checked for role="checkbox").'],
    'aria-valid-attr': ['Sửa tên thuộc tính ARIA viết sai (chỉ dùng aria-* có trong chuẩn).',
      'Fix misspelt ARIA attributes (only aria-* names the standard defines).'],
    'aria-valid-attr-value': ['Sửa giá trị thuộc tính ARIA không hợp lệ (ví dụ id mà aria-labelledby trỏ tới phải tồn tại).',
      'Fix invalid ARIA attribute values (e.g. the id aria-labelledby points to must exist).'],
    'aria-allowed-attr': ['Bỏ các thuộc tính ARIA không được phép với role của phần tử.',
      'Remove ARIA attributes the element\'s role does not allow.'],
    'aria-roles': ['Dùng giá trị role có trong chuẩn WAI-ARIA.', 'Use role values the WAI-ARIA standard defines.'],
    'aria-hidden-focus': ['Phần tử aria-hidden="true" không được chứa phần tử nhận focus (thêm tabindex="-1" hoặc bỏ aria-hidden).',
      'aria-hidden="true" content must not contain focusable elements (add tabindex="-1" or drop aria-hidden).'],
    'aria-hidden-body': ['Không đặt aria-hidden="true" trên <body>.', 'Never put aria-hidden="true" on <body>.'],
    'aria-required-children': ['Phần tử có role cần các phần tử con đúng role (ví dụ role="list" chứa role="listitem").',
      'Roles that need children must have them (e.g. role="list" containing role="listitem").'],
    'aria-required-parent': ['Phần tử có role phải nằm trong phần tử cha đúng role (ví dụ role="tab" trong role="tablist").',
      'Roles that need a parent must sit in one (e.g. role="tab" in role="tablist").'],
    'aria-input-field-name': ['Ô nhập dùng ARIA (role="combobox", "textbox"…) cần aria-label hoặc aria-labelledby.',
      'ARIA input fields (role="combobox", "textbox"…) need an aria-label or aria-labelledby.'],
    'aria-toggle-field-name': ['Công tắc dùng ARIA (role="checkbox", "switch"…) cần tên đọc được.',
      'ARIA toggles (role="checkbox", "switch"…) need an accessible name.'],
    'aria-command-name': ['Nút, liên kết, mục menu dùng ARIA cần tên đọc được.', 'ARIA buttons, links and menu items need an accessible name.'],
    'nested-interactive': ['Không lồng phần tử tương tác vào nhau (ví dụ nút trong liên kết).',
      'Do not nest interactive elements (e.g. a button inside a link).'],
    'scrollable-region-focusable': ['Vùng cuộn được phải nhận focus bằng bàn phím (tabindex="0") hoặc chứa phần tử nhận focus.',
      'Scrollable regions must be keyboard-focusable (tabindex="0") or contain a focusable element.'],
    'td-headers-attr': ['Thuộc tính headers của ô bảng chỉ được trỏ tới ô tiêu đề trong cùng bảng.',
      'A cell\'s headers attribute may only point to header cells of the same table.'],
    'th-has-data-cells': ['Mỗi ô tiêu đề <th> phải có ô dữ liệu tương ứng.', 'Every <th> must describe some data cells.'],
    'autocomplete-valid': ['Dùng giá trị autocomplete chuẩn (name, email, tel, bday…) cho ô thông tin cá nhân.',
      'Use standard autocomplete values (name, email, tel, bday…) on personal-data fields.'],
    'link-in-text-block': ['Liên kết trong đoạn văn phải khác chữ thường không chỉ bằng màu (ví dụ có gạch chân).',
      'Links inside text must differ from it by more than colour (e.g. underline them).'],
    'blink': ['Bỏ phần tử <blink>.', 'Remove <blink> elements.'],
    'marquee': ['Bỏ phần tử <marquee>; chữ chạy phải dừng được.', 'Remove <marquee>; moving text must be pausable.'],
    'server-side-image-map': ['Thay bản đồ ảnh phía máy chủ (ismap) bằng liên kết thường.',
      'Replace server-side image maps (ismap) with ordinary links.'],
    'video-caption': ['Thêm phụ đề (<track kind="captions">) cho video.', 'Add captions (<track kind="captions">) to videos.'],
    'tabindex': ['Không dùng tabindex lớn hơn 0; để thứ tự tab theo thứ tự trong trang.',
      'Do not use tabindex above 0; let the tab order follow the page.']
  };

  function lang() { return I.lang() === 'en' ? 'en' : 'vi'; }

  function s(key, vars) {
    var out = TEXT[lang()][key] !== undefined ? TEXT[lang()][key] : (TEXT.vi[key] !== undefined ? TEXT.vi[key] : key);
    Object.keys(vars || {}).forEach(function (k) { out = out.split('{' + k + '}').join(String(vars[k])); });
    return out;
  }

  /* The fix for an axe rule in the page's language: ours, else axe-core's own help (English). */
  function fix(v) {
    var f = FIX[v.id];
    return f ? f[lang() === 'en' ? 1 : 0] : (v.help || v.id);
  }

  function bytes(n) {
    if (n === null || n === undefined) { return '–'; }
    return n >= 1048576 ? F.num(n / 1048576, 2) + ' MB' : n >= 1024 ? F.num(n / 1024, 0) + ' KB' : F.num(n, 0) + ' B';
  }

  function latestByTarget(runs) {
    var out = {};
    runs.forEach(function (r) { if (!out[r.target]) { out[r.target] = r; } });
    return out;
  }

  function dl(pairs) {
    var d = F.el('dl', 'browser-figures');
    pairs.forEach(function (kv) {
      d.appendChild(F.el('dt', null, kv[0]));
      var dd = F.el('dd', kv[2] || null);
      if (kv[1] instanceof Node) { dd.appendChild(kv[1]); } else { dd.textContent = kv[1]; }
      d.appendChild(dd);
    });
    return d;
  }

  function byType(run) {
    var t = run.byType || {};
    return Object.keys(t).sort(function (a, b) { return (t[b].bytes || 0) - (t[a].bytes || 0); }).map(function (k) {
      return k + ' ' + t[k].requests + ' · ' + bytes(t[k].bytes);
    }).join('; ') || '–';
  }

  function pageCard(target, run) {
    var card = F.el('article', 'browser-page');
    card.dataset.target = target;
    card.dataset.run = String(run.id);
    card.appendChild(F.el('h3', null, s(target)));
    var outcome = s(run.outcome) + (run.cause ? ' (' + run.cause + ')' : '');
    card.appendChild(dl([
      [s('at'), F.dateTime(run.startedAt)], [s('outcome'), outcome, 'outcome-' + run.outcome],
      [s('fcp'), F.ms(run.fcp), 'fig-fcp'], [s('lcp'), F.ms(run.lcp), 'fig-lcp'], [s('cls'), F.num(run.cls, 3), 'fig-cls'],
      [s('tbt'), F.ms(run.tbt), 'fig-tbt'], [s('load'), F.ms(run.load), 'fig-load'], [s('bytes'), bytes(run.bytes), 'fig-bytes'],
      [s('requests'), run.requests === null || run.requests === undefined ? '–' : String(run.requests), 'fig-requests'],
      [s('byType'), byType(run)], [s('failedRequests'), String(run.failedRequests || 0)],
      [s('consoleErrors'), String(run.consoleErrors || 0)], [s('mixedContent'), String(run.mixedContent || 0)],
      [s('method'), s('throttle_' + run.method), 'fig-method']
    ]));
    if (run.screenshot) {
      var fig = F.el('figure', 'browser-shot');
      var img = F.el('img');
      img.src = run.screenshot;
      img.alt = s('shot', { page: s(target).toLowerCase(), at: F.dateTime(run.startedAt) });
      img.loading = 'lazy';
      img.width = 206;
      fig.appendChild(img);
      fig.appendChild(F.el('figcaption', 'hint', img.alt));
      card.appendChild(fig);
    } else {
      card.appendChild(F.el('p', 'hint', s('noShot')));
    }
    if (run.frames && run.frames.length) {
      card.appendChild(filmstrip(target, run.frames));
    }
    return card;
  }

  /* The filmstrip: the frames in time order, each with its time from navigation start. */
  function filmstrip(target, frames) {
    var fig = F.el('figure', 'browser-film');
    var list = F.el('ol');
    frames.forEach(function (f) {
      var li = F.el('li');
      var img = F.el('img');
      img.src = f.src;
      img.alt = s('frame', { t: F.ms(f.ms) });
      img.loading = 'lazy';
      img.width = 80;
      li.appendChild(img);
      li.appendChild(F.el('span', 'frame-time', F.ms(f.ms)));
      list.appendChild(li);
    });
    fig.appendChild(list);
    fig.appendChild(F.el('figcaption', 'hint', s('film', { page: s(target).toLowerCase() })));
    return fig;
  }

  /* One row per violated rule over the latest load of each page: the worst impact, the pages with their element
     counts, a few failing selectors, and how to fix it. */
  function axeTable(latest) {
    var rules = {}, order = ['critical', 'serious', 'moderate', 'minor'], version = null, ran = false;
    Object.keys(latest).forEach(function (target) {
      var axe = latest[target].axe || {};
      if (axe.version) { version = axe.version; }
      if (axe.version && !axe.error) { ran = true; }
      (axe.violations || []).forEach(function (v) {
        var r = rules[v.id] || (rules[v.id] = { id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, pages: [], selectors: [] });
        if (order.indexOf(v.impact) >= 0 && (order.indexOf(r.impact) < 0 || order.indexOf(v.impact) < order.indexOf(r.impact))) {
          r.impact = v.impact;
        }
        r.pages.push(s(target) + ': ' + s('elements', { n: v.nodes }));
        (v.selectors || []).forEach(function (x) { if (r.selectors.length < 3) { r.selectors.push(x); } });
      });
    });
    var box = F.el('div', 'browser-axe');
    box.appendChild(F.el('h3', null, s('axeTitle', { version: version || '–' })));
    var list = Object.keys(rules).map(function (k) { return rules[k]; }).sort(function (a, b) {
      return order.indexOf(a.impact) - order.indexOf(b.impact) || a.id.localeCompare(b.id);
    });
    if (!list.length) {
      box.appendChild(F.el('p', 'empty axe-none', s(ran ? 'axeNone' : 'axeNotRun')));
      return box;
    }
    var wrap = F.el('div', 'table-wrap'), table = F.el('table'), head = F.el('tr'), body = F.el('tbody');
    table.id = 'axe';
    ['colRule', 'colImpact', 'colPages', 'colExamples', 'colFix'].forEach(function (k) {
      var th = F.el('th', null, s(k));
      th.scope = 'col';
      head.appendChild(th);
    });
    table.appendChild(F.el('thead')).appendChild(head);
    list.forEach(function (r) {
      var tr = F.el('tr'), th = F.el('th', null, r.id);
      tr.dataset.rule = r.id;
      th.scope = 'row';
      tr.appendChild(th);
      tr.appendChild(F.el('td', 'impact impact-' + r.impact, s(r.impact)));
      tr.appendChild(F.el('td', null, r.pages.join('; ')));
      var ex = F.el('td', 'selectors');
      r.selectors.forEach(function (x) { ex.appendChild(F.el('code', null, x)); ex.appendChild(document.createTextNode(' ')); });
      tr.appendChild(ex);
      var how = F.el('td', 'fix');
      how.appendChild(F.el('span', null, fix(r)));
      if (r.helpUrl && /^https:\/\//.test(r.helpUrl)) {
        var a = F.el('a', null, s('more'));
        a.href = r.helpUrl;
        a.rel = 'noopener noreferrer';
        how.appendChild(document.createTextNode(' '));
        how.appendChild(a);
      }
      tr.appendChild(how);
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    box.appendChild(wrap);
    return box;
  }

  /* LCP or CLS of the stored runs, homepage and eForm page, only of the latest run's throttling method. */
  function chart(parent, key, runs, method) {
    var what = s(key + 'Chart');
    var h = F.el('h3', null, what), box = F.el('div', 'chart browser-chart'), summary = F.el('p', 'hint');
    box.id = key + '-chart';
    box.setAttribute('role', 'img');
    box.setAttribute('aria-label', s('chartOf', { what: what }));
    parent.appendChild(h);
    parent.appendChild(box);
    parent.appendChild(summary);
    var same = runs.filter(function (r) { return r.method === method && r[key] !== null && r[key] !== undefined; });
    var xs = {}, series = { homepage: {}, eform: {} };
    same.forEach(function (r) {
      var x = Math.round(new Date(r.startedAt).getTime() / 1000);
      xs[x] = true;
      if (series[r.target]) { series[r.target][x] = key === 'lcp' ? r[key] / 1000 : r[key]; }
    });
    var x = Object.keys(xs).map(Number).sort(function (a, b) { return a - b; });
    var rows = [x].concat(['homepage', 'eform'].map(function (t) {
      return x.map(function (v) { return series[t][v] === undefined ? null : series[t][v]; });
    }));
    var last = same[0];
    summary.textContent = last ? s('chartSummary', { what: key.toUpperCase(), n: same.length, method: method,
      last: key === 'lcp' ? F.ms(last.lcp) : F.num(last.cls, 3), page: s(last.target).toLowerCase() }) : s('none');
    box.dataset.points = String(same.length);
    if (!window.uPlot || !same.length) { return; }
    var digits = key === 'lcp' ? 2 : 3;
    var val = function (u, v) { return v === null || v === undefined ? '–' : F.num(v, digits); };
    plots.push(new window.uPlot({
      width: Math.max(300, box.clientWidth - 16), height: 220, scales: { x: { time: true } },
      series: [
        { label: s('time'), value: function (u, v) { return v === null || v === undefined ? '–' : F.dateTime(new Date(v * 1000)); } },
        { label: s('homepage'), stroke: '#0b57d0', width: 1.5, spanGaps: true, points: { show: true }, value: val },
        { label: s('eform'), stroke: '#b45309', width: 1.5, spanGaps: true, points: { show: true }, value: val }
      ],
      axes: [{ values: function (u, splits, ai, space, incr) {
        return splits.map(function (ts) { var p = F.parts(new Date(ts * 1000)); return incr >= 86400 ? p.d + '/' + p.mo : p.h + ':' + p.mi; });
      } }, { values: function (u, splits) { return splits.map(function (v) { return F.num(v, digits); }); } }]
    }, rows, box));
  }

  function render() {
    var root = document.getElementById('browser-section');
    if (!root) { return; }
    plots.forEach(function (p) { p.destroy(); });
    plots = [];
    root.textContent = '';
    var h2 = F.el('h2', null, s('title'));
    h2.id = 'browser-title';
    root.appendChild(h2);
    if (!data) { root.appendChild(F.el('p', 'empty', s('failed'))); return; }
    if (data.available === false) { root.appendChild(F.el('p', 'empty browser-off', s('off', { reason: data.reason || '' }))); return; }
    var runs = data.runs || [];
    if (!runs.length) { root.appendChild(F.el('p', 'empty', s('none'))); return; }
    var latest = latestByTarget(runs), newest = runs[0];
    root.appendChild(F.el('p', 'hint', s('profile') + ': ' + s(newest.profile) + ' · ' + s('method') + ': '
      + s('throttle_' + newest.method) + ' · ' + s('browser') + ': ' + (newest.browser || '–')));
    var cards = F.el('div', 'browser-pages');
    ['homepage', 'eform'].forEach(function (t) { if (latest[t]) { cards.appendChild(pageCard(t, latest[t])); } });
    root.appendChild(cards);
    root.appendChild(axeTable(latest));
    root.appendChild(F.el('p', 'hint', s('sameMethod')));
    chart(root, 'lcp', runs, newest.method);
    chart(root, 'cls', runs, newest.method);
  }

  function getRuns(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-cache' }).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    });
  }

  function load() {
    return getRuns(api).then(function (d) { data = d; render(); }, function () { if (!data) { render(); } });
  }

  /* A run of this portal has ended (the live `browser` event, at `at`): only the two newest runs are fetched (the
     run, and the other page's if it ended at the same moment) and put in front of the ones shown. A run the store
     has not answered with yet is asked for once more a little later. */
  function refreshLatest(at, retried) {
    if (!data || data.available === false || !data.runs) { load(); return; }
    getRuns(latestApi).then(function (d) {
      var known = {};
      data.runs.forEach(function (r) { known[r.id] = true; });
      var fresh = (d.runs || []).filter(function (r) { return !known[r.id]; });
      // The store keeps microseconds, the event says nanoseconds: the same run within a millisecond.
      var found = (d.runs || []).some(function (r) { return Math.abs(Date.parse(r.startedAt) - Date.parse(at)) <= 1; });
      if (fresh.length) {
        data.runs = fresh.concat(data.runs).sort(function (a, b) {
          return Date.parse(b.startedAt) - Date.parse(a.startedAt);
        }).slice(0, LIMIT);
        render();
      }
      if (!found && !retried) { setTimeout(function () { refreshLatest(at, true); }, LIVE_RETRY_MS); }
    }, function () { /* the next event or the periodic reload brings it */ });
  }

  /* The page's own stream of changes without per-probe events: of them it reads only `browser` for this portal. */
  var es = null;
  function listen() {
    es = new EventSource('/api/v1/events?probes=0');
    es.addEventListener('browser', function (e) {
      try {
        var ev = JSON.parse(e.data);
        if (ev.portal === id) { refreshLatest(ev.at, false); }
      } catch (err) { /* ignore a bad event */ }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    I.onChange(render);
    load();
    listen();
    // The stream brings every run as it ends; this only catches up after a stream that was cut for a while.
    setInterval(function () { if (!document.hidden) { load(); } }, REFRESH_MS);
    window.addEventListener('pagehide', function () { if (es) { es.close(); es = null; } });
    window.addEventListener('pageshow', function (e) { if (e.persisted && !es) { listen(); load(); } });
  });
}());
