/**
 * The seed: one conference, its programme committee chair, and a few dozen authors and
 * submissions. Names are written as their owners write them (accents, CJK, Cyrillic, emoji), so
 * every page, CSV export and download shows what a real conference's data looks like.
 */

/** The conference; its short name is also the (non-ASCII) start of the submissions export's file name. */
export const CONFERENCE = {
  shortName: 'DCCN Zürich 2026',
  name: 'Distributed Computer and Communication Networks — Zürich 2026',
  city: 'Zürich',
  startsOn: '2026-09-14',
};

/** The chair who signs in (shown on the login page: this is a demo). */
export const CHAIR = { username: 'chair', password: 'dccn-2026', fullName: 'Ingrid Sørensen' };

/**
 * The chair's password as Django 5.2's `make_password('dccn-2026')` wrote it (pbkdf2_sha256, a
 * million iterations): the seed stores it as Django would, without spending a second hashing.
 */
export const CHAIR_PASSWORD_HASH =
  'pbkdf2_sha256$1000000$7DIJt317dobvv7sVcJyxSs$WJAHXa2IvrLuOkl4yZ3batVDgqlYYtHbdSqbk/LWIpI=';

/** `[full name as written, Latin transcription, degree, country, city, affiliation]` */
type AuthorSeed = [string, string, string, string, string, string];

export const AUTHORS: AuthorSeed[] = [
  ['José Ramírez', 'Jose Ramirez', 'PhD', 'Spain', 'Sevilla', 'Universidad de Sevilla'],
  ['Zoë Ångström', 'Zoe Angstrom', 'MSc', 'Sweden', 'Göteborg', 'Chalmers tekniska högskola'],
  ['田中 花子', 'Hanako Tanaka', 'PhD', 'Japan', 'Tokyo', '東京大学'],
  ['王芳', 'Wang Fang', 'PhD', 'China', 'Beijing', '清华大学'],
  ['김민준', 'Kim Min-jun', 'MSc', 'South Korea', 'Daejeon', 'KAIST'],
  ['Łukasz Żółkiewski', 'Lukasz Zolkiewski', 'PhD', 'Poland', 'Kraków', 'AGH University'],
  ['François Dupré', 'Francois Dupre', 'PhD', 'France', 'Grenoble', 'Inria'],
  ['Jürgen Müller', 'Juergen Mueller', 'Prof.', 'Germany', 'München', 'TU München'],
  ['Mia “🚀” Chen', 'Mia Chen', 'BSc', 'Canada', 'Montréal', 'Université de Montréal'],
  ['Ana 🌻 Lima', 'Ana Lima', 'MSc', 'Brazil', 'São Paulo', 'Universidade de São Paulo'],
  ['Владимир Вишневский', 'Vladimir Vishnevsky', 'Prof.', 'Russia', 'Moscow', 'ИПУ РАН'],
  ['Анна Кузнецова', 'Anna Kuznetsova', 'PhD', 'Russia', 'Saint Petersburg', 'ИТМО'],
  ['Søren Kierkegaard-Holm', 'Soren Kierkegaard-Holm', 'PhD', 'Denmark', 'Aarhus', 'Aarhus Universitet'],
  ['Chloé Nguyễn', 'Chloe Nguyen', 'MSc', 'Vietnam', 'Hà Nội', 'Đại học Bách khoa Hà Nội'],
  ['Mehmet Öztürk', 'Mehmet Ozturk', 'PhD', 'Türkiye', 'İstanbul', 'Boğaziçi Üniversitesi'],
  ['Αλέξανδρος Παπαδόπουλος', 'Alexandros Papadopoulos', 'PhD', 'Greece', 'Αθήνα', 'ΕΜΠ'],
  ['Siobhán Ní Bhriain', 'Siobhan Ni Bhriain', 'MSc', 'Ireland', 'Gaillimh', 'University of Galway'],
  ['Priya Raghunathan', 'Priya Raghunathan', 'PhD', 'India', 'Bengaluru', 'IISc'],
  ['Olúwáṣeun Adébáyọ̀', 'Oluwaseun Adebayo', 'PhD', 'Nigeria', 'Lagos', 'University of Lagos'],
  ['Renée 🦊 Okafor', 'Renee Okafor', 'BSc', 'United Kingdom', 'Cambridge', 'University of Cambridge'],
  ['佐藤 健', 'Ken Sato', 'MSc', 'Japan', 'Kyoto', '京都大学'],
  ['李娜', 'Li Na', 'PhD', 'China', 'Shanghai', '复旦大学'],
  ['Joaquín Peña-Ñíguez', 'Joaquin Pena-Niguez', 'PhD', 'Mexico', 'Ciudad de México', 'UNAM'],
  ['Élodie Brûlé', 'Elodie Brule', 'MSc', 'Belgium', 'Liège', 'Université de Liège'],
  ['Tomáš Dvořák', 'Tomas Dvorak', 'PhD', 'Czechia', 'Brno', 'VUT Brno'],
  ['Hiroshi 🍣 Yamamoto', 'Hiroshi Yamamoto', 'Prof.', 'Japan', 'Osaka', '大阪大学'],
  ['Noémie Lefèvre', 'Noemie Lefevre', 'PhD', 'Switzerland', 'Lausanne', 'EPFL'],
  ['Grégoire Schäfer', 'Gregoire Schaefer', 'PhD', 'Switzerland', 'Zürich', 'ETH Zürich'],
  ['Aisha Al-Fārisī', 'Aisha Al-Farisi', 'MSc', 'Oman', 'Muscat', 'Sultan Qaboos University'],
  ['Björn Þórsson', 'Bjorn Thorsson', 'PhD', 'Iceland', 'Reykjavík', 'Háskóli Íslands'],
  ['Dương Văn Minh', 'Duong Van Minh', 'PhD', 'Vietnam', 'Đà Nẵng', 'Đại học Đà Nẵng'],
  ['Kateřina Nováková', 'Katerina Novakova', 'MSc', 'Czechia', 'Praha', 'ČVUT'],
  ['Ramón Iñárritu', 'Ramon Inarritu', 'PhD', 'Argentina', 'Córdoba', 'Universidad Nacional de Córdoba'],
  ['Sanjay 🛰️ Mehta', 'Sanjay Mehta', 'PhD', 'India', 'Mumbai', 'IIT Bombay'],
  ['박지현', 'Park Ji-hyun', 'PhD', 'South Korea', 'Seoul', '서울대학교'],
  ['Lars-Åke Nilsson', 'Lars-Ake Nilsson', 'Prof.', 'Sweden', 'Linköping', 'Linköpings universitet'],
  ['Miłosz Wąsik', 'Milosz Wasik', 'MSc', 'Poland', 'Wrocław', 'Politechnika Wrocławska'],
  ['Inès Benali', 'Ines Benali', 'PhD', 'Morocco', 'Rabat', 'Université Mohammed V'],
  ['Kofi Mensah', 'Kofi Mensah', 'MSc', 'Ghana', 'Kumasi', 'KNUST'],
  ['Emma O’Brien', 'Emma OBrien', 'PhD', 'Australia', 'Melbourne', 'University of Melbourne'],
];

/** Submission titles; the generator pairs each with one to four authors. */
export const TITLES: string[] = [
  'Queueing models for edge caches under bursty traffic',
  'Распределённые вычисления в сетях 6G',
  '低遅延ネットワークにおける分散キャッシュ',
  'A Markov model of Wi-Fi 7 multi-link operation',
  'Naïve Bayes routing in delay-tolerant networks',
  'Energy-aware scheduling for LoRaWAN gateways',
  'Über-reliable low-latency links for industrial IoT',
  'Fair queueing with eBPF: a measurement study',
  'Retrial queues with impatient customers and vacations',
  'Millimetre-wave beam tracking for high-speed trains',
  '基于强化学习的网络切片资源分配',
  'Stochastic geometry of UAV-assisted cellular networks',
  'QUIC versus TCP on satellite links 🛰️',
  'Optimal age of information in status-update systems',
  'Polling systems with switchover times revisited',
  'Federated learning over unreliable wireless links',
  'Anomaly detection in software-defined networks',
  'Performance of Raft under partial network partitions',
  'Priority queues with batch Markovian arrivals',
  'Blockchain consensus latency in wide-area deployments',
  'Coded caching for device-to-device networks',
  'A fluid model of congestion control with BBRv3',
  'Modèles de files d’attente pour les centres de données',
  'Resource allocation in open RAN with deep learning',
  'Tandem queues with blocking: exact and approximate analysis',
  'Low-power wide-area networks in smart agriculture 🌾',
  'Network calculus bounds for time-sensitive networking',
  'Sparse code multiple access for massive machine-type traffic',
  'Reliability of mesh networks after node failures',
  'Vehicular platooning over C-V2X sidelinks',
  'Traffic classification with graph neural networks',
  'Service migration in mobile edge clouds',
  'Mean-field analysis of load balancing with power-of-d choices',
  '다중 접속 엣지 컴퓨팅의 지연 분석',
  'Heavy-traffic limits for parallel server systems',
  'Throughput of slotted ALOHA with capture effect',
];

/** The review states a submission moves through, in order. */
export const STATUSES = ['submitted', 'under_review', 'accepted', 'rejected'] as const;
/** A submission's review state. */
export type SubmissionStatus = (typeof STATUSES)[number];
