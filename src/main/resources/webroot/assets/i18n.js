/* Vietnamese by default, English on request; the choice is remembered in localStorage. Elements carry
   data-i18n (text), data-i18n-placeholder and data-i18n-aria (aria-label). */
(function () {
  'use strict';
  var TEXT = {
    vi: {
      boardTitle: 'Bảng xếp hạng Cổng Dịch vụ công', connecting: 'Đang kết nối…', live: 'Trực tiếp',
      reconnecting: 'Mất kết nối, đang thử lại…', navLabel: 'Liên kết', statusLink: 'Trang trạng thái', otherLang: 'English',
      networkSuspect: 'Trạm giám sát đang gặp sự cố mạng: các kết quả đỏ lúc này có thể do chính trạm, không phải do cổng.',
      tPortals: 'cổng được giám sát', tUp: 'hoạt động', tSlow: 'chậm', tDown: 'ngừng', tAvg: 'điểm trung bình', tA: 'đạt loại A',
      filterKind: 'Loại cổng', filterStatus: 'Trạng thái', kindAll: 'Tất cả', kindNational: 'Quốc gia', kindMinistry: 'Bộ, ngành',
      kindProvince: 'Tỉnh, thành phố', search: 'Tìm cổng', searchHint: 'Hà Nội, Bộ Tư pháp…', shown: 'Hiển thị {n}/{t} cổng',
      colRank: 'Hạng', colPortal: 'Cổng', colGrade: 'Loại', colScore: 'Điểm', colStatus: 'Trạng thái', colUp24: 'Uptime 24 giờ',
      colUp30: 'Uptime 30 ngày', colTtfb: 'TTFB p75', colTotal: 'Tải trang p75', colCert: 'Chứng chỉ', colChecked: 'Kiểm tra',
      UP: 'Hoạt động', DEGRADED: 'Chậm', DOWN: 'Ngừng', UNKNOWN: 'Chưa rõ', days: '{n} ngày', expired: 'hết hạn',
      provisional: 'tạm tính', feedTitle: 'Diễn biến mới nhất', feedEmpty: 'Chưa có thay đổi nào kể từ khi mở trang.',
      evStatus: '{name}: {from} → {to}', evGrade: '{name}: xếp loại {from} → {to} ({score} điểm)',
      evRank: '{name}: hạng {from} → {to}', evIncidentOpen: '{name}: sự cố mới ({cause})',
      evIncidentClosed: '{name}: hết sự cố ({cause})', movedUp: 'lên {n} hạng', movedDown: 'xuống {n} hạng',
      footer: 'Điểm 0–100 theo bốn nhóm tiêu chí (hoạt động, hiệu năng, bảo mật, truy cập); xếp loại A–E theo thang của Bộ TT&TT. Mỗi điểm đều dẫn về một phép đo: bấm vào tên cổng để xem chi tiết.',
      backToBoard: '← Bảng xếp hạng', score: 'Điểm', rank: 'Hạng', status: 'Trạng thái', owner: 'Cơ quan quản lý',
      homepage: 'Trang chủ', eform: 'Trang biểu mẫu', uptime24: 'Uptime 24 giờ', uptime30: 'Uptime 30 ngày',
      cert: 'Chứng chỉ còn', checked: 'Kiểm tra lúc', breakdownTitle: 'Điểm chi tiết và cách khắc phục',
      colCriterion: 'Tiêu chí', colPillar: 'Nhóm', colPoints: 'Điểm', colMeasurement: 'Phép đo', colHint: 'Cách khắc phục',
      capsTitle: 'Giới hạn điểm đang áp dụng', chartTitle: 'Thời gian phản hồi 24 giờ qua (ms)',
      chartLabel: 'Biểu đồ thời gian phản hồi', incidentsTitle: 'Sự cố', colStart: 'Bắt đầu', colEnd: 'Kết thúc',
      colCause: 'Nguyên nhân', colDuration: 'Thời lượng', ongoing: 'đang diễn ra', gradeHistoryTitle: 'Lịch sử xếp loại',
      colAt: 'Thời điểm', slaTitle: 'SLA theo tháng', colMonth: 'Tháng', colUptime: 'Uptime', colDowntime: 'Ngừng (phút)',
      colIncidents: 'Sự cố', colBudget: 'Ngân sách lỗi còn', alertsTitle: 'Lịch sử cảnh báo', colKind: 'Loại',
      colSubject: 'Nội dung', none: 'Chưa có dữ liệu.', notFound: 'Không tìm thấy cổng này.', latestTitle: 'Lần đo gần nhất',
      colTarget: 'Trang', colOutcome: 'Kết quả', colHttp: 'HTTP', availability: 'Hoạt động', performance: 'Hiệu năng',
      security: 'Bảo mật', accessibility: 'Truy cập & di động', minutes: '{n} phút', seriesTotal: 'tổng thời gian', privacy: 'Chính sách quyền riêng tư', total: 'Tổng (trước giới hạn điểm)',
      cause_dns: 'lỗi phân giải tên miền', cause_connect: 'không kết nối được', cause_tls: 'lỗi TLS/chứng chỉ',
      cause_timeout: 'quá thời gian chờ', cause_http_5xx: 'lỗi máy chủ (5xx)', cause_http_4xx: 'lỗi yêu cầu (4xx)',
      cause_body: 'nội dung trang lỗi', loadFailed: 'Không tải được dữ liệu.'
    },
    en: {
      boardTitle: 'Ranking of Vietnam\'s public-service portals', connecting: 'Connecting…', live: 'Live',
      reconnecting: 'Connection lost, retrying…', navLabel: 'Links', statusLink: 'Status page', otherLang: 'Tiếng Việt',
      networkSuspect: 'The watchdog itself has a network problem: red results right now may be ours, not the portals\'.',
      tPortals: 'portals watched', tUp: 'up', tSlow: 'slow', tDown: 'down', tAvg: 'average score', tA: 'graded A',
      filterKind: 'Kind', filterStatus: 'Status', kindAll: 'All', kindNational: 'National', kindMinistry: 'Ministries',
      kindProvince: 'Provinces', search: 'Find a portal', searchHint: 'Hà Nội, Ministry of Justice…', shown: 'Showing {n}/{t} portals',
      colRank: 'Rank', colPortal: 'Portal', colGrade: 'Grade', colScore: 'Score', colStatus: 'Status', colUp24: 'Uptime 24 h',
      colUp30: 'Uptime 30 d', colTtfb: 'TTFB p75', colTotal: 'Page load p75', colCert: 'Certificate', colChecked: 'Checked',
      UP: 'Up', DEGRADED: 'Slow', DOWN: 'Down', UNKNOWN: 'Unknown', days: '{n} days', expired: 'expired',
      provisional: 'provisional', feedTitle: 'Latest changes', feedEmpty: 'No change since this page was opened.',
      evStatus: '{name}: {from} → {to}', evGrade: '{name}: grade {from} → {to} ({score} points)',
      evRank: '{name}: rank {from} → {to}', evIncidentOpen: '{name}: new incident ({cause})',
      evIncidentClosed: '{name}: incident over ({cause})', movedUp: 'up {n}', movedDown: 'down {n}',
      footer: 'Scores 0–100 over four pillars (availability, performance, security, accessibility); grades A–E on the ministry\'s scale. Every point traces back to a measurement: select a portal for details.',
      backToBoard: '← Ranking', score: 'Score', rank: 'Rank', status: 'Status', owner: 'Owner', homepage: 'Homepage',
      eform: 'Form page', uptime24: 'Uptime 24 h', uptime30: 'Uptime 30 d', cert: 'Certificate left', checked: 'Checked at',
      breakdownTitle: 'Score breakdown and how to fix it', colCriterion: 'Criterion', colPillar: 'Pillar', colPoints: 'Points',
      colMeasurement: 'Measurement', colHint: 'How to fix', capsTitle: 'Caps in force',
      chartTitle: 'Response times over the last 24 hours (ms)', chartLabel: 'Response-time chart', incidentsTitle: 'Incidents',
      colStart: 'Start', colEnd: 'End', colCause: 'Cause', colDuration: 'Duration', ongoing: 'ongoing',
      gradeHistoryTitle: 'Grade history', colAt: 'When', slaTitle: 'SLA by month', colMonth: 'Month', colUptime: 'Uptime',
      colDowntime: 'Downtime (min)', colIncidents: 'Incidents', colBudget: 'Error budget left', alertsTitle: 'Alert history',
      colKind: 'Kind', colSubject: 'Subject', none: 'No data yet.', notFound: 'No such portal.', latestTitle: 'Latest probes',
      colTarget: 'Page', colOutcome: 'Outcome', colHttp: 'HTTP', availability: 'Availability', performance: 'Performance',
      security: 'Security', accessibility: 'Accessibility & mobile', minutes: '{n} min', seriesTotal: 'total time', privacy: 'Privacy policy', total: 'Total (before caps)',
      cause_dns: 'DNS failure', cause_connect: 'connection failed', cause_tls: 'TLS/certificate error',
      cause_timeout: 'timed out', cause_http_5xx: 'server error (5xx)', cause_http_4xx: 'client error (4xx)',
      cause_body: 'broken page body', loadFailed: 'Could not load the data.'
    }
  };
  var KEY = 'dvc.lang';
  var lang = 'vi';
  try { lang = localStorage.getItem(KEY) === 'en' ? 'en' : 'vi'; } catch (e) { /* storage off: stay Vietnamese */ }
  var listeners = [];

  function t(key, vars) {
    var s = (TEXT[lang] && TEXT[lang][key]) || TEXT.vi[key] || key;
    if (vars) {
      Object.keys(vars).forEach(function (k) { s = s.split('{' + k + '}').join(String(vars[k])); });
    }
    return s;
  }

  function apply() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t(el.getAttribute('data-i18n')); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach(function (el) {
      el.setAttribute('placeholder', t(el.getAttribute('data-i18n-placeholder')));
    });
    document.querySelectorAll('[data-i18n-aria]').forEach(function (el) {
      el.setAttribute('aria-label', t(el.getAttribute('data-i18n-aria')));
    });
    var sw = document.getElementById('lang-switch');
    if (sw) { sw.setAttribute('lang', lang === 'vi' ? 'en' : 'vi'); }
    var title = document.querySelector('h1[data-i18n]');
    if (title && document.body.classList.contains('board')) { document.title = title.textContent + ' — dvc-watch'; }
    listeners.forEach(function (fn) { fn(lang); });
  }

  function set(next) {
    lang = next === 'en' ? 'en' : 'vi';
    try { localStorage.setItem(KEY, lang); } catch (e) { /* not remembered, still switched */ }
    apply();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var sw = document.getElementById('lang-switch');
    if (sw) { sw.addEventListener('click', function () { set(lang === 'vi' ? 'en' : 'vi'); }); }
    apply();
  });

  window.DVC_I18N = {
    t: t,
    lang: function () { return lang; },
    onChange: function (fn) { listeners.push(fn); }
  };
}());
