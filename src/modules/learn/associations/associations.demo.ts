import type { Platform } from '../../../platform/platform.ts';
import type { AssociationProfile } from './association-profile.ts';
import { associationsOf } from './associations.wiring.ts';

const SYSTEM = { type: 'system' as const, id: null };

/** The e-mail of the demo representative, linked to the demo entry of their organisation. */
export const DEMO_REP_EMAIL = 'association@demo.kinga.example';

/** The demo's associations: fictional, in the demo geography, described in the six languages. */
export const DEMO_ASSOCIATIONS: readonly AssociationProfile[] = [
  {
    name: 'Demo Consumers Union',
    descriptions: {
      en: 'A national consumers’ union based in Nairobi. Free advice on bills, contracts and mobile money; we file complaints with operators and the Authority on your behalf.',
      fr: 'Union nationale de consommateurs basée à Nairobi. Conseils gratuits sur les factures, les contrats et l’argent mobile ; nous déposons des plaintes auprès des opérateurs et de l’Autorité en votre nom.',
      ar: 'اتحاد وطني للمستهلكين مقره نيروبي. نقدم مشورة مجانية بشأن الفواتير والعقود والأموال عبر الهاتف المحمول، ونقدّم الشكاوى نيابة عنكم إلى المشغّلين وإلى الهيئة.',
      es: 'Unión nacional de consumidores con sede en Nairobi. Asesoramiento gratuito sobre facturas, contratos y dinero móvil; presentamos reclamaciones ante los operadores y la Autoridad en su nombre.',
      ru: 'Национальный союз потребителей в Найроби. Бесплатные консультации по счетам, договорам и мобильным деньгам; мы подаём жалобы операторам и в Управление от вашего имени.',
      zh: '总部位于内罗毕的全国性消费者联合会。免费提供账单、合同和移动支付方面的咨询；我们可以代您向运营商和管理局提出投诉。',
    },
    regions: ['NAI', 'CEN', 'EAS'],
    languages: ['sw', 'en', 'ki'],
    address: 'Kimathi Street 12, 3rd floor, Nairobi',
    phone: '+254 20 000 0101',
    email: 'help@dcu.example',
    website: 'https://dcu.example',
    services: ['advice', 'complaintsOnBehalf', 'collectiveRepresentation', 'training'],
    rights: { decidedOn: '2025-03-14', reference: 'DCA/CP/2025/07' },
    latitude: -1.2841,
    longitude: 36.8233,
  },
  {
    name: 'Pwani Consumers Forum',
    descriptions: {
      en: 'Volunteers in Mombasa and along the coast who help people compare bundles, check their bills and settle disputes with operators, in Swahili and English.',
      fr: 'Des bénévoles à Mombasa et sur la côte qui aident à comparer les forfaits, vérifier les factures et régler les litiges avec les opérateurs, en swahili et en anglais.',
      ar: 'متطوعون في مومباسا وعلى طول الساحل يساعدون الناس على مقارنة الباقات ومراجعة فواتيرهم وتسوية النزاعات مع المشغّلين، باللغتين السواحيلية والإنجليزية.',
      es: 'Voluntarios en Mombasa y en la costa que ayudan a comparar paquetes, revisar facturas y resolver disputas con los operadores, en suajili e inglés.',
      ru: 'Волонтёры в Момбасе и на побережье помогают сравнивать пакеты услуг, проверять счета и улаживать споры с операторами на суахили и английском.',
      zh: '蒙巴萨及沿海地区的志愿者，用斯瓦希里语和英语帮助人们比较套餐、核对账单并与运营商调解纠纷。',
    },
    regions: ['COA'],
    languages: ['sw', 'en', 'ar'],
    address: 'Moi Avenue 45, Mombasa',
    phone: '+254 41 000 0202',
    email: 'info@pwani-consumers.example',
    website: 'https://pwani-consumers.example',
    services: ['advice', 'mediation', 'complaintsOnBehalf'],
    rights: null,
    latitude: -4.0612,
    longitude: 39.6658,
  },
  {
    name: 'Lake Region Consumer Network',
    descriptions: {
      en: 'Community advisers in Kisumu and the lake counties who run market-day clinics on SIM-swap fraud, mobile money safety and buying a genuine phone.',
      fr: 'Des conseillers de proximité à Kisumu et dans les comtés du lac qui tiennent des permanences les jours de marché sur la fraude à l’échange de SIM, la sécurité de l’argent mobile et l’achat d’un téléphone authentique.',
      ar: 'مستشارون مجتمعيون في كيسومو ومقاطعات البحيرة ينظّمون جلسات في أيام السوق حول الاحتيال بتبديل شريحة SIM وأمان الأموال عبر الهاتف المحمول وشراء هاتف أصلي.',
      es: 'Asesores comunitarios en Kisumu y los condados del lago que organizan consultas en días de mercado sobre el fraude por duplicado de SIM, la seguridad del dinero móvil y la compra de un teléfono auténtico.',
      ru: 'Общественные консультанты в Кисуму и приозёрных округах проводят приёмы в базарные дни: мошенничество с заменой SIM-карты, безопасность мобильных денег, покупка подлинного телефона.',
      zh: '基苏木及湖区各县的社区顾问，在集市日开设咨询点，讲解SIM卡调换诈骗、移动支付安全以及如何购买正品手机。',
    },
    regions: ['NYA', 'WES'],
    languages: ['sw', 'en', 'luo'],
    address: 'Oginga Odinga Street 8, Kisumu',
    phone: '+254 57 000 0303',
    email: 'contact@lakeconsumers.example',
    website: '',
    services: ['advice', 'training', 'digitalSkills'],
    rights: { decidedOn: '2026-01-20', reference: 'DCA/CP/2026/02' },
    latitude: -0.1022,
    longitude: 34.7617,
  },
  {
    name: 'Access for All Disability Telecom Forum',
    descriptions: {
      en: 'An organisation of persons with disabilities in Nakuru. We test phones and services for accessibility, teach screen readers and relay services, and speak for disabled users before the Authority. Kenyan Sign Language at every session.',
      fr: 'Une organisation de personnes handicapées à Nakuru. Nous testons l’accessibilité des téléphones et des services, formons aux lecteurs d’écran et aux services de relais, et portons la voix des usagers handicapés auprès de l’Autorité. Langue des signes kényane à chaque séance.',
      ar: 'منظمة للأشخاص ذوي الإعاقة في ناكورو. نختبر إمكانية الوصول إلى الهواتف والخدمات، وندرّب على قارئات الشاشة وخدمات الترحيل، وندافع عن المستخدمين ذوي الإعاقة أمام الهيئة. لغة الإشارة الكينية في كل جلسة.',
      es: 'Una organización de personas con discapacidad en Nakuru. Probamos la accesibilidad de teléfonos y servicios, enseñamos lectores de pantalla y servicios de retransmisión y representamos a los usuarios con discapacidad ante la Autoridad. Lengua de señas keniana en cada sesión.',
      ru: 'Организация людей с инвалидностью в Накуру. Мы проверяем доступность телефонов и услуг, обучаем работе с экранными дикторами и службами ретрансляции и представляем интересы пользователей с инвалидностью в Управлении. На каждом занятии — кенийский жестовый язык.',
      zh: '纳库鲁的残障人士组织。我们测试手机和服务的无障碍程度，教授读屏软件和传译服务的使用，并在管理局面前为残障用户发声。每次活动均提供肯尼亚手语。',
    },
    regions: ['RVA', 'CEN'],
    languages: ['sw', 'en', 'xki'],
    address: 'Kenyatta Avenue 21, ground floor (step-free), Nakuru',
    phone: '+254 51 000 0404',
    email: 'access@a4a-forum.example',
    website: 'https://a4a-forum.example',
    services: ['accessibilitySupport', 'digitalSkills', 'collectiveRepresentation', 'advice'],
    rights: { decidedOn: '2025-09-02', reference: 'DCA/CP/2025/19' },
    latitude: -0.2833,
    longitude: 36.0667,
  },
  {
    name: 'Wazee Connect',
    descriptions: {
      en: 'An association of older people in Eldoret. Patient, one-to-one help with basic phones and smartphones, reading a bill, and spotting calls from fraudsters who pretend to be family.',
      fr: 'Une association de personnes âgées à Eldoret. Une aide patiente et individuelle pour les téléphones simples et les smartphones, la lecture d’une facture et la détection des appels d’escrocs qui se font passer pour un proche.',
      ar: 'جمعية لكبار السن في إلدوريت. مساعدة فردية صبورة في استخدام الهواتف البسيطة والذكية، وقراءة الفاتورة، والتعرّف على مكالمات المحتالين الذين يتظاهرون بأنهم من الأقارب.',
      es: 'Una asociación de personas mayores en Eldoret. Ayuda paciente y personal con teléfonos básicos y smartphones, para leer una factura y para reconocer llamadas de estafadores que se hacen pasar por familiares.',
      ru: 'Объединение пожилых людей в Элдорете. Терпеливая индивидуальная помощь с простыми телефонами и смартфонами, чтением счёта и распознаванием звонков мошенников, выдающих себя за родственников.',
      zh: '埃尔多雷特的老年人协会。耐心地一对一帮助老人使用功能手机和智能手机、看懂账单，并识别冒充亲属的诈骗电话。',
    },
    regions: ['RVA'],
    languages: ['sw', 'en', 'kln'],
    address: 'Uganda Road 3, Eldoret',
    phone: '+254 53 000 0505',
    email: 'karibu@wazee-connect.example',
    website: '',
    services: ['digitalSkills', 'advice', 'training'],
    rights: null,
    latitude: 0.5143,
    longitude: 35.2698,
  },
];

/** The demo entry's id: its name in lower case, words joined by dashes (`demo-consumers-union`). */
export function demoAssociationId(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Inserts the demo's associations once (published), links the demo representative to Demo Consumers
 * Union, and leaves one proposal of theirs waiting for staff.
 */
export async function seedAssociationsDemo(platform: Platform): Promise<void> {
  const associations = associationsOf(platform);
  if ((await associations.all()).length > 0) return;
  const ids: string[] = [];
  for (const profile of DEMO_ASSOCIATIONS) ids.push(await associations.create(SYSTEM, profile, 'published', demoAssociationId(profile.name)));
  const rep = (await associations.repAccounts()).find((a) => a.organisation === 'Demo Consumers Union');
  const unionId = ids[0];
  const union = DEMO_ASSOCIATIONS[0];
  if (!rep || !unionId || !union) return;
  await associations.link(SYSTEM, unionId, rep.userId);
  await associations.propose({ type: 'user', id: rep.userId }, rep.userId, {
    ...union,
    regions: [...union.regions, 'RVA'],
    phone: '+254 20 000 0111',
    descriptions: {
      ...union.descriptions,
      en: `${union.descriptions['en'] ?? ''} New: a Saturday clinic in Nakuru, 9:00 to 13:00.`,
    },
  });
}
