/* Vietnamese by default, English on request (the switch, remembered in localStorage, or ?lang=en). Elements carry
   data-i18n (text), data-i18n-placeholder and data-i18n-aria (aria-label). */
(function () {
  'use strict';
  var TEXT = {
    vi: {
      boardTitle: 'Bảng xếp hạng Cổng Dịch vụ công', connecting: 'Đang kết nối…', live: 'Trực tiếp',
      reconnecting: 'Mất kết nối, đang thử lại…', navLabel: 'Liên kết', statusLink: 'Trang trạng thái', otherLang: 'English',
      networkSuspect: 'Trạm giám sát đang gặp sự cố mạng: các kết quả đỏ lúc này có thể do chính trạm, không phải do cổng.',
      tPortals: 'cổng được giám sát', tUp: 'hoạt động', tSlow: 'chậm', tDown: 'ngừng', tAvg: 'điểm trung bình', tA: 'xếp loại A',
      filterKind: 'Loại cổng', filterStatus: 'Trạng thái', kindAll: 'Tất cả', kindNational: 'Quốc gia', kindMinistry: 'Bộ, ngành',
      kindProvince: 'Tỉnh, thành phố', search: 'Tìm cổng', searchHint: 'Hà Nội, Bộ Tư pháp…', shown: 'Hiển thị {n}/{t} cổng',
      colRank: 'Hạng', colPortal: 'Cổng', colGrade: 'Xếp loại', colScore: 'Điểm', colStatus: 'Trạng thái', colUp24: 'Uptime 24 giờ',
      colUp30: 'Uptime 30 ngày', colTtfb: 'TTFB p75', colTotal: 'Tải trang p75', colCert: 'Chứng chỉ', colChecked: 'Kiểm tra',
      UP: 'Hoạt động', DEGRADED: 'Chậm', DOWN: 'Ngừng', UNKNOWN: 'Chưa rõ', days: '{n} ngày', expired: 'hết hạn',
      provisional: 'tạm tính', feedTitle: 'Diễn biến mới nhất (UTC+7)', feedEmpty: 'Chưa có thay đổi nào kể từ khi mở trang.',
      evStatus: '{name}: {from} → {to}', evGrade: '{name}: xếp loại {from} → {to} ({score} điểm)',
      evRank: '{name}: hạng {from} → {to}', evIncidentOpen: '{name}: sự cố mới ({cause})',
      evIncidentClosed: '{name}: hết sự cố ({cause})', movedUp: 'lên {n} hạng', movedDown: 'xuống {n} hạng',
      footer: 'Điểm 0–100 theo bốn nhóm tiêu chí (hoạt động, hiệu năng, bảo mật, truy cập); xếp loại A–E theo thang đánh giá năm 2023 của Bộ Thông tin và Truyền thông (nay thuộc Bộ Khoa học và Công nghệ). Mỗi điểm đều dẫn về một phép đo: bấm vào tên cổng để xem chi tiết.',
      backToBoard: '← Bảng xếp hạng', score: 'Điểm', rank: 'Hạng', status: 'Trạng thái', owner: 'Cơ quan quản lý',
      homepage: 'Trang chủ', eform: 'Trang biểu mẫu', uptime24: 'Uptime 24 giờ', uptime30: 'Uptime 30 ngày',
      cert: 'Chứng chỉ còn', checked: 'Kiểm tra lúc', breakdownTitle: 'Điểm chi tiết và cách khắc phục',
      colCriterion: 'Tiêu chí', colPillar: 'Nhóm', colPoints: 'Điểm', colMeasurement: 'Phép đo', colHint: 'Cách khắc phục',
      capsTitle: 'Giới hạn điểm đang áp dụng', chartTitle: 'Thời gian phản hồi 24 giờ qua (ms)',
      chartLabel: 'Biểu đồ thời gian phản hồi', incidentsTitle: 'Sự cố', colStart: 'Bắt đầu', colEnd: 'Kết thúc',
      colCause: 'Nguyên nhân', colDuration: 'Thời lượng', ongoing: 'đang diễn ra', colAck: 'Xác nhận',
      ackBy: '{by}, {at}', noAck: 'chưa có', gradeHistoryTitle: 'Lịch sử xếp loại',
      colAt: 'Thời điểm', slaTitle: 'SLA theo tháng', colMonth: 'Tháng', colUptime: 'Uptime', colDowntime: 'Thời gian ngừng',
      colIncidents: 'Sự cố', colBudget: 'Ngân sách lỗi còn', alertsTitle: 'Lịch sử cảnh báo', colKind: 'Loại cảnh báo',
      colSubject: 'Nội dung', none: 'Chưa có dữ liệu.', notFound: 'Không tìm thấy cổng này.', latestTitle: 'Lần đo gần nhất',
      colTarget: 'Trang', colOutcome: 'Kết quả', colHttp: 'HTTP', availability: 'Hoạt động', performance: 'Hiệu năng',
      security: 'Bảo mật', accessibility: 'Truy cập & di động', minutes: '{n} phút', seriesTotal: 'tổng thời gian', privacy: 'Chính sách quyền riêng tư', total: 'Tổng (trước giới hạn điểm)',
      cause_dns: 'lỗi phân giải tên miền', cause_connect: 'không kết nối được', cause_tls: 'lỗi TLS/chứng chỉ',
      cause_timeout: 'quá thời gian chờ', cause_http_5xx: 'lỗi máy chủ (5xx)', cause_http_4xx: 'lỗi yêu cầu (4xx)',
      cause_body: 'nội dung trang lỗi', loadFailed: 'Không tải được dữ liệu.',
      st_UP: 'Hoạt động', st_DEGRADED: 'Chậm', st_DOWN: 'Ngừng', st_FLAPPING: 'Chập chờn', st_PARTIAL: 'Lỗi cục bộ',
      st_CERT: 'Lỗi chứng chỉ', st_UNKNOWN: 'Chưa rõ', tFlapping: 'chập chờn', tPartial: 'lỗi cục bộ', tUnknown: 'chưa rõ',
      tzNote: 'Giờ Việt Nam (UTC+7)', colCheckedTz: 'Kiểm tra (UTC+7)', checkedTz: 'Kiểm tra lúc (UTC+7)', time: 'Thời gian (UTC+7)', skipToBoard: 'Bỏ qua, đến bảng xếp hạng', skipToMain: 'Bỏ qua, đến nội dung chính', skipToTiles: 'Bỏ qua, đến các cổng',
      todoTitle: 'Việc cần làm, theo số điểm giành lại', todoGain: '+{n} điểm', todoReach: 'đạt {score} điểm',
      todoReachGrade: 'đạt {score} điểm, xếp loại {grade}', todoCap: 'Gỡ giới hạn điểm', todoDone: 'Không còn điểm nào để giành lại.',
      daysTitle: 'Hoạt động 90 ngày qua (trang chủ)', daysDetail: 'Xem từng ngày có sự cố', colDay: 'Ngày', colProbes: 'Số lần đo',
      daysSummary: '90 ngày qua: {ok} ngày hoạt động ≥ 99,9 %, {bad} ngày dưới mức đó, {none} ngày chưa có số liệu.',
      dayCell: '{day}: {uptime}', dayNone: '{day}: chưa có số liệu', noBadDays: 'Không có ngày nào dưới 99,9 %.',
      andMore: 'và {n} cổng khác', colConnect: 'Kết nối', colTransfer: 'Truyền tải', colAtTz: 'Thời điểm (UTC+7)', wallTitle: 'Cổng Dịch vụ công — giám sát trực tiếp', tzShort: 'giờ VN (UTC+7)', problemsNow: 'Đang gặp sự cố',
      gradesToday: 'Thay đổi xếp loại hôm nay (UTC+7)', noProblemsNow: 'Không cổng nào gặp sự cố.', noGradeChanges: 'Chưa có thay đổi xếp loại hôm nay.',
      loading: 'Đang tải…', trendWall: 'Điểm {days} ngày qua: {from} → {to}', trendWallNew: 'Điểm {days} ngày qua: chưa có lịch sử, hiện {to}',
      fleetCount: '{n} cổng được giám sát', fleetMap: 'Bản đồ hành chính năm {year} · {n} cổng', fleetMapYear: 'bản đồ hành chính năm {year}',
      trendTitle: 'Điểm, xếp loại và sự cố theo thời gian', range7: '7 ngày', range30: '30 ngày',
      trendSummary: '{days} ngày qua: điểm từ {min} đến {max}, {changes} lần đổi xếp loại, hiện xếp loại {grade}; {incidents} sự cố, tổng {minutes} phút.',
      trendNone: '{days} ngày qua: chưa có xếp loại nào được ghi; {incidents} sự cố, tổng {minutes} phút.',
      mergedFrom: 'Các cổng đã sáp nhập vào cổng này:', mergedOn: 'từ {day}', staleData: 'Số liệu đã cũ: {ago}. Dữ liệu trên màn hình có thể không còn đúng.',
      polling: 'Luồng trực tiếp bị chặn: đang lấy số liệu mỗi 30 giây.', since: 'từ {t}',
      agoSeconds: 'cập nhật {n} giây trước', agoMinutes: 'cập nhật {n} phút trước', agoHours: 'cập nhật {n} giờ trước',
      noMatch: 'Không có cổng nào khớp bộ lọc này.', noIncidents: 'Không có sự cố nào được ghi nhận.',
      noGrades: 'Chưa có thay đổi xếp loại nào.', noAlerts: 'Chưa gửi cảnh báo nào.', noProbes: 'Chưa đo lần nào.',
      noSla: 'Chưa có số liệu SLA.', noBreakdown: 'Chưa chấm điểm: đang thu thập số liệu đo.',
      loadFailedRetry: 'Không tải được số liệu của cổng này (máy chủ đang gặp lỗi). Trang sẽ tự thử lại sau ít phút; bạn cũng có thể tải lại trang.',
      notFoundPortal: 'Không tìm thấy cổng này.', colTarget2: 'Mục tiêu', colVerdict: 'Kết quả', met: 'Đạt', breached: 'Không đạt',
      notWatched: 'chưa giám sát', sofar: ' (tạm tính)', pointsCost: '−{n} điểm', capNoBite: 'không trừ điểm lúc này',
      capReason: 'Lý do', capFix: 'Cách khắc phục', capCost: 'Bị trừ', notMeasured: 'chưa đo', of: 'trên',
      cause_certificate: 'lỗi chứng chỉ',
      'crit_availability.uptime': 'Thời gian hoạt động',
      'crit_performance.home.ttfb': 'Phản hồi đầu tiên (TTFB) – trang chủ',
      'crit_performance.home.total': 'Thời gian tải – trang chủ',
      'crit_performance.eform.ttfb': 'Phản hồi đầu tiên (TTFB) – trang biểu mẫu',
      'crit_performance.eform.total': 'Thời gian tải – trang biểu mẫu',
      'crit_performance.homepage.ttfb': 'Phản hồi đầu tiên (TTFB) – trang chủ',
      'crit_performance.stability': 'Độ ổn định tốc độ',
      'crit_performance.home.load': 'Tải trang trong trình duyệt – trang chủ',
      'crit_performance.eform.load': 'Tải trang trong trình duyệt – eForm',
      'crit_performance.cls': 'Độ ổn định bố cục (CLS)',
      'crit_accessibility.wcag': 'Tiếp cận WCAG (axe-core)',
      'crit_security.tls': 'Cấu hình TLS và chứng chỉ',
      'crit_security.headers': 'Tiêu đề bảo mật HTTP',
      'crit_security.headers.csp': 'Chính sách bảo mật nội dung (Content-Security-Policy)',
      'crit_security.headers.hsts': 'Bắt buộc HTTPS (HSTS)',
      'crit_security.headers.frame': 'Chống nhúng trang trái phép',
      'crit_security.headers.redirect': 'Chuyển HTTP sang HTTPS',
      'crit_security.headers.nosniff': 'Chặn đoán kiểu nội dung (nosniff)',
      'crit_security.headers.referrer': 'Chính sách Referrer',
      'crit_security.headers.cookies': 'Cookie an toàn',
      'crit_security.headers.mixed': 'Không trộn nội dung HTTP trong HTTPS',
      'crit_security.headers.server': 'Không lộ phiên bản máy chủ',
      'crit_accessibility.lang': 'Khai báo ngôn ngữ trang',
      'crit_accessibility.title': 'Tiêu đề trang',
      'crit_accessibility.viewport': 'Hiển thị trên điện thoại (viewport)',
      'crit_accessibility.zoom': 'Cho phép phóng to',
      'crit_accessibility.alt': 'Văn bản thay thế cho ảnh',
      'crit_accessibility.labels': 'Nhãn cho ô nhập liệu',
      'crit_accessibility.links': 'Liên kết có tên',
      'crit_accessibility.refresh': 'Không tự tải lại trang',
      'crit_accessibility.privacy': 'Liên kết chính sách quyền riêng tư',
      'crit_cap.no_https': 'Không dùng HTTPS',
      'crit_cap.invalid_certificate': 'Chứng chỉ không hợp lệ',
      // The browser room on the board (issue 18)
      colLcp: 'LCP (trình duyệt)', browserOff: 'Chưa đo trong trình duyệt (tải trang, LCP, CLS, axe-core): {reason}.',
      lcpTitle: '{page}: LCP {lcp}, CLS {cls}, sự kiện load {load}; điều tiết mạng: {method}; đo lúc {at}',
      br_ok: 'đạt', br_navigation_failed: 'không tải được', br_deadline: 'quá hạn', br_capped: 'quá giới hạn',
      br_page_crashed: 'trang bị treo', br_memory: 'quá bộ nhớ', br_browser_failed: 'lỗi trình duyệt',
      modelV: 'mô hình chấm điểm v{v}, không so sánh với điểm hiện nay'
    },
    en: {
      boardTitle: 'Ranking of Vietnam\'s public-service portals', connecting: 'Connecting…', live: 'Live',
      reconnecting: 'Connection lost, retrying…', navLabel: 'Links', statusLink: 'Status page', otherLang: 'Tiếng Việt',
      networkSuspect: 'The watchdog itself has a network problem: red results right now may be ours, not the portals\'.',
      tPortals: 'portals watched', tUp: 'up', tSlow: 'slow', tDown: 'down', tAvg: 'average score', tA: 'graded A',
      filterKind: 'Portal kind', filterStatus: 'Status', kindAll: 'All', kindNational: 'National', kindMinistry: 'Ministries',
      kindProvince: 'Provinces', search: 'Find a portal', searchHint: 'Hà Nội, Ministry of Justice…', shown: 'Showing {n}/{t} portals',
      colRank: 'Rank', colPortal: 'Portal', colGrade: 'Grade', colScore: 'Score', colStatus: 'Status', colUp24: 'Uptime 24 h',
      colUp30: 'Uptime 30 d', colTtfb: 'TTFB p75', colTotal: 'Page load p75', colCert: 'Certificate', colChecked: 'Checked',
      UP: 'Up', DEGRADED: 'Slow', DOWN: 'Down', UNKNOWN: 'Unknown', days: '{n} days', expired: 'expired',
      provisional: 'provisional', feedTitle: 'Latest changes (UTC+7)', feedEmpty: 'No change since this page was opened.',
      evStatus: '{name}: {from} → {to}', evGrade: '{name}: grade {from} → {to} ({score} points)',
      evRank: '{name}: rank {from} → {to}', evIncidentOpen: '{name}: new incident ({cause})',
      evIncidentClosed: '{name}: incident over ({cause})', movedUp: 'up {n}', movedDown: 'down {n}',
      footer: 'Scores 0–100 over four pillars (availability, performance, security, accessibility); grades A–E on the scale the Ministry of Information and Communications used in 2023 (now part of the Ministry of Science and Technology). Every point traces back to a measurement: select a portal for details.',
      backToBoard: '← Ranking', score: 'Score', rank: 'Rank', status: 'Status', owner: 'Owner', homepage: 'Homepage',
      eform: 'Form page', uptime24: 'Uptime 24 h', uptime30: 'Uptime 30 d', cert: 'Certificate left', checked: 'Checked at',
      breakdownTitle: 'Score breakdown and how to fix it', colCriterion: 'Criterion', colPillar: 'Pillar', colPoints: 'Points',
      colMeasurement: 'Measurement', colHint: 'How to fix', capsTitle: 'Caps in force',
      chartTitle: 'Response times over the last 24 hours (ms)', chartLabel: 'Response-time chart', incidentsTitle: 'Incidents',
      colStart: 'Start', colEnd: 'End', colCause: 'Cause', colDuration: 'Duration', ongoing: 'ongoing', colAck: 'Acknowledged',
      ackBy: '{by}, {at}', noAck: 'not yet',
      gradeHistoryTitle: 'Grade history', colAt: 'When', slaTitle: 'SLA by month', colMonth: 'Month', colUptime: 'Uptime',
      colDowntime: 'Downtime', colIncidents: 'Incidents', colBudget: 'Error budget left', alertsTitle: 'Alert history',
      colKind: 'Alert kind', colSubject: 'Subject', none: 'No data yet.', notFound: 'No such portal.', latestTitle: 'Latest probes',
      colTarget: 'Page', colOutcome: 'Outcome', colHttp: 'HTTP', availability: 'Availability', performance: 'Performance',
      security: 'Security', accessibility: 'Accessibility & mobile', minutes: '{n} min', seriesTotal: 'total time', privacy: 'Privacy policy', total: 'Total (before caps)',
      cause_dns: 'DNS failure', cause_connect: 'connection failed', cause_tls: 'TLS/certificate error',
      cause_timeout: 'timed out', cause_http_5xx: 'server error (5xx)', cause_http_4xx: 'client error (4xx)',
      cause_body: 'broken page body', loadFailed: 'Could not load the data.',
      st_UP: 'Up', st_DEGRADED: 'Slow', st_DOWN: 'Down', st_FLAPPING: 'Flapping', st_PARTIAL: 'Partly down',
      st_CERT: 'Certificate error', st_UNKNOWN: 'Unknown', tFlapping: 'flapping', tPartial: 'partly down', tUnknown: 'unknown',
      tzNote: 'Vietnam time (UTC+7)', colCheckedTz: 'Checked (UTC+7)', checkedTz: 'Checked at (UTC+7)', time: 'Time (UTC+7)', skipToBoard: 'Skip to the ranking', skipToMain: 'Skip to main content', skipToTiles: 'Skip to the portals',
      todoTitle: 'To do, by points won back', todoGain: '+{n} points', todoReach: 'reaches {score} points',
      todoReachGrade: 'reaches {score} points, grade {grade}', todoCap: 'Lift the cap', todoDone: 'No points left to win back.',
      daysTitle: 'Uptime over the last 90 days (homepage)', daysDetail: 'Show each day with problems', colDay: 'Day', colProbes: 'Probes',
      daysSummary: 'Last 90 days: {ok} days up ≥ 99.9 %, {bad} days below, {none} days without data.',
      dayCell: '{day}: {uptime}', dayNone: '{day}: no data', noBadDays: 'No day below 99.9 %.',
      andMore: 'and {n} more', colConnect: 'Connect', colTransfer: 'Transfer', colAtTz: 'When (UTC+7)', wallTitle: 'Public-service portals — live', tzShort: 'Vietnam time (UTC+7)', problemsNow: 'Having problems now',
      gradesToday: 'Grade changes today (UTC+7)', noProblemsNow: 'No portal has a problem.', noGradeChanges: 'No grade change today yet.',
      loading: 'Loading…', trendWall: 'Score over the last {days} days: {from} → {to}', trendWallNew: 'Score over the last {days} days: no history yet, {to} now',
      fleetCount: '{n} portals watched', fleetMap: '{year} administrative map · {n} portals', fleetMapYear: '{year} administrative map',
      trendTitle: 'Score, grade and incidents over time', range7: '7 days', range30: '30 days',
      trendSummary: 'Last {days} days: score from {min} to {max}, {changes} grade changes, grade {grade} now; {incidents} incidents, {minutes} minutes in all.',
      trendNone: 'Last {days} days: no grade recorded yet; {incidents} incidents, {minutes} minutes in all.',
      mergedFrom: 'Portals merged into this one:', mergedOn: 'on {day}', staleData: 'Stale data: {ago}. What this screen shows may no longer be true.',
      polling: 'The live stream is blocked: fetching the figures every 30 seconds.', since: 'since {t}',
      agoSeconds: 'updated {n} s ago', agoMinutes: 'updated {n} min ago', agoHours: 'updated {n} h ago',
      noMatch: 'No portal matches this filter.', noIncidents: 'No incidents recorded.',
      noGrades: 'No grade change yet.', noAlerts: 'No alert sent yet.', noProbes: 'Not probed yet.',
      noSla: 'No SLA figures yet.', noBreakdown: 'Not scored yet: measurements are still coming in.',
      loadFailedRetry: 'Could not load this portal\'s figures (the server has a problem). The page will try again in a few minutes; you can also reload it.',
      notFoundPortal: 'No such portal.', colTarget2: 'Target', colVerdict: 'Verdict', met: 'Met', breached: 'Breached',
      notWatched: 'not monitored', sofar: ' (so far)', pointsCost: '−{n} points', capNoBite: 'costs nothing right now',
      capReason: 'Why', capFix: 'How to fix', capCost: 'Costs', notMeasured: 'not measured', of: 'of',
      cause_certificate: 'certificate error',
      'crit_availability.uptime': 'Uptime',
      'crit_performance.home.ttfb': 'Time to first byte – homepage',
      'crit_performance.home.total': 'Load time – homepage',
      'crit_performance.eform.ttfb': 'Time to first byte – form page',
      'crit_performance.eform.total': 'Load time – form page',
      'crit_performance.homepage.ttfb': 'Time to first byte – homepage',
      'crit_performance.stability': 'Speed stability',
      'crit_performance.home.load': 'Page load in a browser – homepage',
      'crit_performance.eform.load': 'Page load in a browser – eForm',
      'crit_performance.cls': 'Layout stability (CLS)',
      'crit_accessibility.wcag': 'WCAG accessibility (axe-core)',
      'crit_security.tls': 'TLS and certificate',
      'crit_security.headers': 'HTTP security headers',
      'crit_security.headers.csp': 'Content-Security-Policy',
      'crit_security.headers.hsts': 'Strict-Transport-Security (HSTS)',
      'crit_security.headers.frame': 'Framing protection',
      'crit_security.headers.redirect': 'HTTP to HTTPS redirect',
      'crit_security.headers.nosniff': 'No content sniffing (nosniff)',
      'crit_security.headers.referrer': 'Referrer policy',
      'crit_security.headers.cookies': 'Secure cookies',
      'crit_security.headers.mixed': 'No mixed content',
      'crit_security.headers.server': 'No server version disclosed',
      'crit_accessibility.lang': 'Page language declared',
      'crit_accessibility.title': 'Page title',
      'crit_accessibility.viewport': 'Mobile viewport',
      'crit_accessibility.zoom': 'Zoom allowed',
      'crit_accessibility.alt': 'Text alternatives for images',
      'crit_accessibility.labels': 'Labelled form fields',
      'crit_accessibility.links': 'Named links',
      'crit_accessibility.refresh': 'No automatic refresh',
      'crit_accessibility.privacy': 'Privacy policy link',
      'crit_cap.no_https': 'No HTTPS',
      'crit_cap.invalid_certificate': 'Invalid certificate',
      // The browser room on the board (issue 18)
      colLcp: 'LCP (browser)', browserOff: 'Not measured in a browser (page load, LCP, CLS, axe-core): {reason}.',
      lcpTitle: '{page}: LCP {lcp}, CLS {cls}, load event {load}; throttling: {method}; measured {at}',
      br_ok: 'ok', br_navigation_failed: 'failed to load', br_deadline: 'deadline', br_capped: 'over the caps',
      br_page_crashed: 'page crashed', br_memory: 'out of memory', br_browser_failed: 'browser failed',
      modelV: 'scoring model v{v}, not comparable with today\'s score'
    }
  };
  var KEY = 'dvc.lang';
  var lang = 'vi';
  try { lang = localStorage.getItem(KEY) === 'en' ? 'en' : 'vi'; } catch (e) { /* storage off: stay Vietnamese */ }
  // ?lang=en (or vi) in the address, as on /status and /embed, wins for this page (a shared link shows its language).
  var asked = /[?&]lang=(en|vi)(?:&|$)/.exec(window.location.search);
  if (asked) { lang = asked[1]; }
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
