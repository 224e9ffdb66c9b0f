import Foundation
import LabourData

/// The workspace's three interface languages. French first (the administration's working
/// language in Morocco and Tunisia), English, and Arabic laid out right to left.
public enum WorkspaceLanguage: String, Sendable, CaseIterable {
    case fr, en, ar

    public var direction: String { self == .ar ? "rtl" : "ltr" }
    /// The language of data texts (occupation titles, reasons) shown in this interface: Mizan's
    /// tables are written in French or English; the Arabic interface shows the French texts.
    public var dataLanguage: Language { self == .en ? .english : .french }
    /// The language of the shortage reasons shown: the page's own (the bundle carries all three).
    /// Titles and ESCO labels stay in `dataLanguage` (no Arabic source is bundled).
    public var reasonLanguage: Language { self == .ar ? .arabic : dataLanguage }

    public func regionName(_ code: String) -> String {
        if code == Regions.total { return text(.national) }
        if self == .ar, let name = RegionNames.arabicNames[code] { return name }
        return Regions.name(code)
    }

    /// Fixed decimals with the interface's decimal mark ("0,94" in French and Arabic, "0.94" in
    /// English), rounded as printf rounds (as every other Mizan table). C's snprintf directly:
    /// `String(format:)` costs microseconds a number on Linux, and a list page has thousands.
    public func number(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return "–" }
        var buffer = [CChar](repeating: 0, count: 64)
        let n = buffer.withUnsafeMutableBufferPointer { b in
            withVaList([Int32(digits), x]) { vsnprintf(b.baseAddress, 64, "%.*f", $0) }
        }
        guard n > 0 && n < 64 else { return String(x) }
        let s = String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return self == .en ? s : s.replacingOccurrences(of: ".", with: ",")
    }

    /// ": " as the language writes it (French puts a space before).
    public var colon: String { self == .fr ? " : " : ": " }

    /// A typed value quoted as the language quotes: « soudeur », “welder”.
    public func quoted(_ s: String) -> String {
        self == .en ? "“\(s)”" : "« \(s) »"
    }

    public func text(_ key: Text) -> String {
        switch self {
        case .fr: return key.fr
        case .en: return key.en
        case .ar: return key.ar
        }
    }

    /// Every word of the interface in the three languages.
    public enum Text: Sendable {
        case title, shortageList, occupationPage, counsellor, vintages, national, region, majorGroup, allGroups, horizon, now, target
        case sex, allSexes, women, men, apply, downloadCSV, rank, occupation, pShortage, imbalance, interval, reasons, employment
        case openings, newSupply, tension, history, forecast, accuracy, movedSince, notInPrevious, noVintages, backtestNote
        case occupationHeld, skills, skillsHint, education, languages, regionsWilling, submit, destinations, hours, modules
        case printPlan, noDestination, vintageList, compare, entered, left, stayed, errorTitle, backToList, notFound
        case badRegion, badIsco, badYear, badParameter, internalError, tooLarge, badEncoding, badForm, unknownSkill, loading, rows, sortBy
        case yearsHeld, abroad, ownTrade, move, personalDataNote, recorded, base, none, counsellorUnavailable, methodNotAllowed
        case scenarios, noScenarios, shocks, listsChanged, baseline, scenario, difference
        case yearsInvalid, educationInvalid, regionRequired, occupationOrSkills, line, notAnESCOSkill, notAnESCOOccupation
        case couldBe, sayWhich, didYouMean, or, formRefused

        var fr: String {
            switch self {
            case .title: return "Mizan — espace de travail"
            case .shortageList: return "Métiers en pénurie"
            case .occupationPage: return "Métier × région"
            case .counsellor: return "Conseiller"
            case .vintages: return "Éditions"
            case .national: return "National"
            case .region: return "Région"
            case .majorGroup: return "Grand groupe CITP"
            case .allGroups: return "Tous les groupes"
            case .horizon: return "Horizon"
            case .now: return "Aujourd'hui"
            case .target: return "Année cible"
            case .sex: return "Sexe"
            case .allSexes: return "Ensemble"
            case .women: return "Femmes"
            case .men: return "Hommes"
            case .apply: return "Afficher"
            case .downloadCSV: return "Télécharger ce tableau (CSV)"
            case .rank: return "Rang"
            case .occupation: return "Métier"
            case .pShortage: return "Probabilité de pénurie"
            case .imbalance: return "Déséquilibre (part de l'emploi)"
            case .interval: return "intervalle 90 %"
            case .reasons: return "Raisons"
            case .employment: return "Emploi"
            case .openings: return "Ouvertures (expansion + remplacement)"
            case .newSupply: return "Nouvelle offre"
            case .tension: return "Offres par demandeur d'emploi"
            case .history: return "Historique et prévision réconciliée (intervalles 80 % et 95 %)"
            case .forecast: return "Prévision"
            case .accuracy: return "Précision des prévisions passées (rétro-test de la prévision publiée)"
            case .movedSince: return "Depuis l'édition précédente"
            case .notInPrevious: return "absent de l'édition précédente"
            case .noVintages: return "Aucune édition enregistrée."
            case .backtestNote: return "MASE < 1 : meilleur que la prévision naïve ; couverture attendue 0,80 et 0,95."
            case .occupationHeld: return "Métier exercé (mots ou code CITP)"
            case .skills: return "Compétences (une par ligne, en mots)"
            case .skillsHint: return "Tapez quelques lettres : des libellés ESCO sont proposés."
            case .education: return "Niveau d'études (CITE 0–8)"
            case .languages: return "Langues (codes séparés par des virgules)"
            case .regionsWilling: return "Régions où la personne irait"
            case .submit: return "Proposer des métiers"
            case .destinations: return "Destinations proposées"
            case .hours: return "heures"
            case .modules: return "Modules de formation"
            case .printPlan: return "Imprimer le plan (une page)"
            case .noDestination: return "Aucune destination"
            case .vintageList: return "Éditions publiées"
            case .compare: return "Comparer"
            case .entered: return "entré"
            case .left: return "sorti"
            case .stayed: return "resté"
            case .errorTitle: return "Requête refusée"
            case .backToList: return "Retour à la liste"
            case .notFound: return "Page introuvable"
            case .badRegion: return "Région inconnue"
            case .badIsco: return "Code CITP invalide (1 à 4 chiffres)"
            case .badYear: return "Année hors de la plage"
            case .badParameter: return "Paramètre invalide"
            case .internalError: return "Erreur interne : la page n'a pas pu être faite. Réessayez ; si elle persiste, signalez-la (rien de ce que vous avez saisi n'est enregistré)"
            case .tooLarge: return "Formulaire trop volumineux"
            case .badEncoding: return "Texte mal encodé (UTF-8 attendu)"
            case .badForm: return "Formulaire incomplet"
            case .unknownSkill: return "Compétence inconnue"
            case .loading: return "Les données ESCO se chargent ; réessayez dans quelques secondes."
            case .rows: return "lignes"
            case .sortBy: return "Trier par"
            case .yearsHeld: return "Années d'exercice"
            case .abroad: return "exercé à l'étranger"
            case .ownTrade: return "Son propre métier (reconnaissance des acquis)"
            case .move: return "Reconversion"
            case .personalDataNote: return "Le profil saisi n'est ni enregistré ni journalisé."
            case .recorded: return "Enregistrée le"
            case .base: return "Année de base"
            case .none: return "aucun"
            case .methodNotAllowed: return "Méthode non permise : les pages se lisent (GET) et le formulaire s'envoie (POST)"
            case .scenarios: return "Scénarios"
            case .noScenarios: return "Aucun scénario chargé : mizan serve --scenario DOSSIER (un dossier écrit par mizan scenario)."
            case .shocks: return "Hypothèses"
            case .listsChanged: return "Listes de pénurie modifiées (top 10)"
            case .baseline: return "Référence"
            case .scenario: return "Scénario"
            case .difference: return "Écart"
            case .yearsInvalid: return "Indiquez un nombre d'années de 0 à 50."
            case .educationInvalid: return "Indiquez un niveau CITE de 0 à 8."
            case .regionRequired: return "Choisissez une région."
            case .occupationOrSkills: return "Indiquez un métier exercé ou des compétences."
            case .line: return "Ligne"
            case .notAnESCOSkill: return "compétence introuvable dans ESCO"
            case .notAnESCOOccupation: return "métier introuvable dans ESCO"
            case .couldBe: return "peut désigner"
            case .sayWhich: return "précisez lequel, ou donnez le code CITP"
            case .didYouMean: return "vouliez-vous dire"
            case .or: return "ou"
            case .formRefused: return "Le formulaire n'a pas pu être traité : corrigez les champs signalés."
            case .counsellorUnavailable: return "Le formulaire du conseiller n'est pas disponible sur ce serveur : ESCO ou le catalogue de formation manque (--esco, --catalogue)."
            }
        }

        var en: String {
            switch self {
            case .title: return "Mizan — workspace"
            case .shortageList: return "Shortage occupations"
            case .occupationPage: return "Occupation × region"
            case .counsellor: return "Counsellor"
            case .vintages: return "Vintages"
            case .national: return "National"
            case .region: return "Region"
            case .majorGroup: return "ISCO major group"
            case .allGroups: return "All groups"
            case .horizon: return "Horizon"
            case .now: return "Now"
            case .target: return "Target year"
            case .sex: return "Sex"
            case .allSexes: return "Everyone"
            case .women: return "Women"
            case .men: return "Men"
            case .apply: return "Show"
            case .downloadCSV: return "Download this table (CSV)"
            case .rank: return "Rank"
            case .occupation: return "Occupation"
            case .pShortage: return "Shortage probability"
            case .imbalance: return "Imbalance (share of employment)"
            case .interval: return "90 % interval"
            case .reasons: return "Reasons"
            case .employment: return "Employment"
            case .openings: return "Openings (expansion + replacement)"
            case .newSupply: return "New supply"
            case .tension: return "Vacancies per job seeker"
            case .history: return "History and reconciled forecast (80 % and 95 % intervals)"
            case .forecast: return "Forecast"
            case .accuracy: return "Accuracy of past forecasts (backtest of the published forecast)"
            case .movedSince: return "Since the previous vintage"
            case .notInPrevious: return "not in the previous vintage"
            case .noVintages: return "No vintage recorded."
            case .backtestNote: return "MASE < 1: better than the naive forecast; coverage should be 0.80 and 0.95."
            case .occupationHeld: return "Occupation held (words or ISCO code)"
            case .skills: return "Skills (one per line, in words)"
            case .skillsHint: return "Type a few letters: ESCO labels are suggested."
            case .education: return "Education (ISCED 0–8)"
            case .languages: return "Languages (codes separated by commas)"
            case .regionsWilling: return "Regions the person would move to"
            case .submit: return "Suggest occupations"
            case .destinations: return "Suggested destinations"
            case .hours: return "hours"
            case .modules: return "Training modules"
            case .printPlan: return "Print the plan (one page)"
            case .noDestination: return "No destination"
            case .vintageList: return "Published vintages"
            case .compare: return "Compare"
            case .entered: return "entered"
            case .left: return "left"
            case .stayed: return "stayed"
            case .errorTitle: return "Request refused"
            case .backToList: return "Back to the list"
            case .notFound: return "Page not found"
            case .badRegion: return "Unknown region"
            case .badIsco: return "Invalid ISCO code (1 to 4 digits)"
            case .badYear: return "Year out of range"
            case .badParameter: return "Invalid parameter"
            case .internalError: return "Internal error: the page could not be made. Try again; if it persists, report it (nothing you typed is recorded)"
            case .tooLarge: return "Form too large"
            case .badEncoding: return "Badly encoded text (UTF-8 expected)"
            case .badForm: return "Incomplete form"
            case .unknownSkill: return "Unknown skill"
            case .loading: return "ESCO data is loading; try again in a few seconds."
            case .rows: return "rows"
            case .sortBy: return "Sort by"
            case .yearsHeld: return "Years in the occupation"
            case .abroad: return "practised abroad"
            case .ownTrade: return "Own trade (recognition of prior learning)"
            case .move: return "Move"
            case .personalDataNote: return "The profile typed here is neither stored nor logged."
            case .recorded: return "Recorded"
            case .base: return "Base year"
            case .none: return "none"
            case .methodNotAllowed: return "Method not allowed: pages are read (GET) and the form is posted (POST)"
            case .scenarios: return "Scenarios"
            case .noScenarios: return "No scenario loaded: mizan serve --scenario FOLDER (a folder written by mizan scenario)."
            case .shocks: return "Assumptions"
            case .listsChanged: return "Shortage lists changed (top 10)"
            case .baseline: return "Baseline"
            case .scenario: return "Scenario"
            case .difference: return "Difference"
            case .yearsInvalid: return "Give a number of years from 0 to 50."
            case .educationInvalid: return "Give an ISCED level from 0 to 8."
            case .regionRequired: return "Choose a region."
            case .occupationOrSkills: return "Give an occupation held or some skills."
            case .line: return "Line"
            case .notAnESCOSkill: return "not found among ESCO skills"
            case .notAnESCOOccupation: return "not found among ESCO occupations"
            case .couldBe: return "could be"
            case .sayWhich: return "say which, or give the ISCO code"
            case .didYouMean: return "did you mean"
            case .or: return "or"
            case .formRefused: return "The form could not be used: correct the fields marked."
            case .counsellorUnavailable: return "The counsellor form is not available on this server: ESCO or the training catalogue is missing (--esco, --catalogue)."
            }
        }

        var ar: String {
            switch self {
            case .title: return "ميزان — فضاء العمل"
            case .shortageList: return "المهن التي تعرف نقصاً"
            case .occupationPage: return "مهنة × جهة"
            case .counsellor: return "المستشار"
            case .vintages: return "الإصدارات"
            case .national: return "وطني"
            case .region: return "الجهة"
            case .majorGroup: return "المجموعة الرئيسية (ISCO)"
            case .allGroups: return "كل المجموعات"
            case .horizon: return "الأفق"
            case .now: return "الآن"
            case .target: return "السنة المستهدفة"
            case .sex: return "الجنس"
            case .allSexes: return "الجميع"
            case .women: return "النساء"
            case .men: return "الرجال"
            case .apply: return "عرض"
            case .downloadCSV: return "تنزيل هذا الجدول (CSV)"
            case .rank: return "الرتبة"
            case .occupation: return "المهنة"
            case .pShortage: return "احتمال النقص"
            case .imbalance: return "الاختلال (نسبة من التشغيل)"
            case .interval: return "مجال 90 ٪"
            case .reasons: return "الأسباب"
            case .employment: return "التشغيل"
            case .openings: return "فرص العمل (توسع + تعويض)"
            case .newSupply: return "العرض الجديد"
            case .tension: return "عروض لكل باحث عن عمل"
            case .history: return "التاريخ والتوقع المنسق (مجالات 80 ٪ و95 ٪)"
            case .forecast: return "التوقع"
            case .accuracy: return "دقة التوقعات السابقة (اختبار رجعي)"
            case .movedSince: return "منذ الإصدار السابق"
            case .notInPrevious: return "غير موجود في الإصدار السابق"
            case .noVintages: return "لا يوجد إصدار مسجل."
            case .backtestNote: return "MASE < 1: أفضل من التوقع الساذج؛ التغطية المنتظرة 0.80 و0.95."
            case .occupationHeld: return "المهنة الممارسة (كلمات أو رمز ISCO)"
            case .skills: return "المهارات (واحدة في كل سطر)"
            case .skillsHint: return "اكتب بعض الحروف: تقترح تسميات ESCO."
            case .education: return "المستوى الدراسي (ISCED 0–8)"
            case .languages: return "اللغات (رموز مفصولة بفواصل)"
            case .regionsWilling: return "الجهات التي يقبل الانتقال إليها"
            case .submit: return "اقتراح مهن"
            case .destinations: return "الوجهات المقترحة"
            case .hours: return "ساعة"
            case .modules: return "وحدات التكوين"
            case .printPlan: return "طباعة الخطة (صفحة واحدة)"
            case .noDestination: return "لا توجد وجهة"
            case .vintageList: return "الإصدارات المنشورة"
            case .compare: return "مقارنة"
            case .entered: return "دخل"
            case .left: return "خرج"
            case .stayed: return "بقي"
            case .errorTitle: return "طلب مرفوض"
            case .backToList: return "العودة إلى القائمة"
            case .notFound: return "الصفحة غير موجودة"
            case .badRegion: return "جهة غير معروفة"
            case .badIsco: return "رمز ISCO غير صالح (من 1 إلى 4 أرقام)"
            case .badYear: return "سنة خارج المجال"
            case .badParameter: return "معامل غير صالح"
            case .internalError: return "خطأ داخلي: تعذّر إنشاء الصفحة. أعد المحاولة، وإن تكرر فأبلغ عنه (لا يُسجَّل شيء مما أدخلته)"
            case .tooLarge: return "الاستمارة كبيرة جداً"
            case .badEncoding: return "نص بترميز غير صحيح (UTF-8 مطلوب)"
            case .badForm: return "استمارة غير مكتملة"
            case .unknownSkill: return "مهارة غير معروفة"
            case .loading: return "بيانات ESCO قيد التحميل؛ أعد المحاولة بعد ثوان."
            case .rows: return "سطراً"
            case .sortBy: return "ترتيب حسب"
            case .yearsHeld: return "سنوات الممارسة"
            case .abroad: return "مورست في الخارج"
            case .ownTrade: return "مهنته الأصلية (الاعتراف بالمكتسبات)"
            case .move: return "تحول مهني"
            case .personalDataNote: return "لا يتم حفظ الملف المدخل ولا تسجيله."
            case .recorded: return "سجل في"
            case .base: return "سنة الأساس"
            case .none: return "لا شيء"
            case .methodNotAllowed: return "طريقة غير مسموح بها: تقرأ الصفحات (GET) وترسل الاستمارة (POST)"
            case .scenarios: return "السيناريوهات"
            case .noScenarios: return "لم يتم تحميل أي سيناريو: mizan serve --scenario DOSSIER."
            case .shocks: return "الافتراضات"
            case .listsChanged: return "قوائم النقص التي تغيرت (أول 10)"
            case .baseline: return "المرجع"
            case .scenario: return "السيناريو"
            case .difference: return "الفرق"
            case .yearsInvalid: return "أدخل عدد سنوات من 0 إلى 50."
            case .educationInvalid: return "أدخل مستوى تعليم من 0 إلى 8 (التصنيف الدولي الموحد للتعليم)."
            case .regionRequired: return "اختر جهة."
            case .occupationOrSkills: return "أدخل مهنة مارستها أو مهارات."
            case .line: return "السطر"
            case .notAnESCOSkill: return "مهارة غير موجودة في ESCO"
            case .notAnESCOOccupation: return "مهنة غير موجودة في ESCO"
            case .couldBe: return "قد تعني"
            case .sayWhich: return "حدّد أيّها، أو أدخل رمز التصنيف الدولي للمهن"
            case .didYouMean: return "هل تقصد"
            case .or: return "أو"
            case .formRefused: return "تعذّر استعمال الاستمارة: صحّح الحقول المشار إليها."
            case .counsellorUnavailable: return "استمارة المستشار غير متاحة على هذا الخادم: بيانات ESCO أو دليل التكوين غير موجودة."
            }
        }
    }
}
