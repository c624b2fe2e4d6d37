// country → ISO 3166-1 alpha-2, lowercase (doc: "Use the lowercase, 2-letter country codes in
// ISO 3166-1 alpha-2"; vector `United States` → `us`).
//   https://developers.facebook.com/documentation/ads-commerce/conversions-api/parameters/customer-information-parameters
// Name table: capi-param-builder stringUtil.js COUNTRY_MAPPINGS (letters-only names), see
//   https://github.com/facebook/capi-param-builder/blob/main/nodejs/capi-param-builder/src/piiUtil/stringUtil.js
// plus, in the last block, a few everyday aliases it lacks and the correct spelling of two names it
// misspells (its "bonairesinteustatinsandsaba" let the ISO name fall through to "usa" → "us").

import { buildRegionTable, lettersOnly, regionCode } from './regions.js';

const COUNTRY_NAMES = buildRegionTable(`
  unitedstates:us usa:us ind:in afghanistan:af alandislands:ax albania:al algeria:dz
  americansamoa:as andorra:ad angola:ao anguilla:ai antarctica:aq antiguaandbarbuda:ag
  argentina:ar armenia:am aruba:aw australia:au austria:at azerbaijan:az bahamas:bs bahrain:bh
  bangladesh:bd barbados:bb belarus:by belgium:be belize:bz benin:bj bermuda:bm bhutan:bt
  boliviaplurinationalstateof:bo bolivia:bo bonairesinteustatinsandsaba:bq
  bosniaandherzegovina:ba botswana:bw bouvetisland:bv brazil:br britishindianoceanterritory:io
  bruneidarussalam:bn brunei:bn bulgaria:bg burkinafaso:bf burundi:bi cambodia:kh cameroon:cm
  canada:ca capeverde:cv caymanislands:ky centralafricanrepublic:cf chad:td chile:cl china:cn
  christmasisland:cx cocoskeelingislands:cc colombia:co comoros:km congo:cg
  congothedemocraticrepublicofthe:cd democraticrepublicofthecongo:cd cookislands:ck
  costarica:cr cotedivoire:ci ivorycoast:ci croatia:hr cuba:cu curacao:cw cyprus:cy
  czechrepublic:cz denmark:dk djibouti:dj dominica:dm dominicanrepublic:do ecuador:ec egypt:eg
  elsalvador:sv equatorialguinea:gq eritrea:er estonia:ee ethiopia:et falklandislandsmalvinas:fk
  faroeislands:fo fiji:fj finland:fi france:fr frenchguiana:gf frenchpolynesia:pf
  frenchsouthernterritories:tf gabon:ga gambia:gm georgia:ge germany:de ghana:gh gibraltar:gi
  greece:gr greenland:gl grenada:gd guadeloupe:gp guam:gu guatemala:gt guernsey:gg guinea:gn
  guineabissau:gw guyana:gy haiti:ht heardislandandmcdonaldislands:hm holyseevaticancitystate:va
  vatican:va honduras:hn hongkong:hk hungary:hu iceland:is india:in indonesia:id
  iranislamicrepublicof:ir iran:ir iraq:iq ireland:ie isleofman:im israel:il italy:it jamaica:jm
  japan:jp jersey:je jordan:jo kazakhstan:kz kenya:ke kiribati:ki
  koreademocraticpeoplesrepublicof:kp northkorea:kp korearepublicof:kr southkorea:kr kuwait:kw
  kyrgyzstan:kg laopeoplesdemocraticrepublic:la laos:la latvia:lv lebanon:lb lesotho:ls
  liberia:lr libya:ly liechtenstein:li lithuania:lt luxembourg:lu macao:mo
  macedoniatheformeryugoslavrepublicof:mk macedonia:mk madagascar:mg malawi:mw malaysia:my
  maldives:mv mali:ml malta:mt marshallislands:mh martinique:mq mauritania:mr mauritius:mu
  mayotte:yt mexico:mx micronesiafederatedstatesof:fm micronesia:fm moldovarepublicof:md
  moldova:md monaco:mc mongolia:mn montenegro:me montserrat:ms morocco:ma mozambique:mz
  myanmar:mm namibia:na nauru:nr nepal:np netherlands:nl newcaledonia:nc newzealand:nz
  nicaragua:ni niger:ne nigeria:ng niue:nu norfolkisland:nf northernmarianaislands:mp norway:no
  oman:om pakistan:pk palau:pw palestinestateof:ps palestine:ps panama:pa papuanewguinea:pg
  paraguay:py peru:pe philippines:ph pitcairn:pn poland:pl portugal:pt puertorico:pr qatar:qa
  reunion:re romania:ro russianfederation:ru russia:ru rwanda:rw saintbarthelemy:bl
  sainthelenaascensionandtristandacunha:sh saintkittsandnevis:kn saintlucia:lc
  saintmartinfrenchpart:mf saintpierreandmiquelon:pm saintvincentandthegrenadines:vc samoa:ws
  sanmarino:sm saotomeandprincipe:st saudiarabia:sa senegal:sn serbia:rs seychelles:sc
  sierraleone:sl singapore:sg sintmaartenductchpart:sx slovakia:sk slovenia:si
  solomonislands:sb somalia:so southafrica:za southgeorgiaandthesouthsandwichislands:gs
  southsudan:ss spain:es srilanka:lk sudan:sd suriname:sr svalbardandjanmayen:sj eswatini:sz
  swaziland:sz sweden:se switzerland:ch syrianarabrepublic:sy syria:sy taiwanprovinceofchina:tw
  taiwan:tw tajikistan:tj tanzaniaunitedrepublicof:tz tanzania:tz thailand:th timorleste:tl
  easttimor:tl togo:tg tokelau:tk tonga:to trinidadandtobago:tt tunisia:tn turkey:tr
  turkmenistan:tm turksandcaicosislands:tc tuvalu:tv uganda:ug ukraine:ua unitedarabemirates:ae
  unitedkingdom:gb unitedstatesofamerica:us unitedstatesminoroutlyingislands:um uruguay:uy
  uzbekistan:uz vanuatu:vu venezuelabolivarianrepublicof:ve venezuela:ve vietnam:vn
  virginislandsbritish:vg virginislandsus:vi wallisandfutuna:wf westernsahara:eh yemen:ye
  zambia:zm zimbabwe:zw

  sintmaartendutchpart:sx greatbritain:gb england:gb scotland:gb northernireland:gb
  holland:nl czechia:cz turkiye:tr burma:mm uae:ae northmacedonia:mk caboverde:cv
  bonairesinteustatiusandsaba:bq bonaire:bq
`);

// Divergence: ISO alpha-3 codes and "uk". Param-builder truncates unknown text to two letters, so
// "CHN" became "ch" (Switzerland), "AUT" "au" (Australia) and "UK" stayed "uk" (not a code).
// Generated from ISO 3166-1 (Debian iso-codes iso_3166-1.json, cross-checked with npm iso-3166-1).
const ALIASES = buildRegionTable(`
  uk:gb
  abw:aw afg:af ago:ao aia:ai ala:ax alb:al and:ad are:ae arg:ar arm:am asm:as ata:aq atf:tf
  atg:ag aus:au aut:at aze:az bdi:bi bel:be ben:bj bes:bq bfa:bf bgd:bd bgr:bg bhr:bh bhs:bs
  bih:ba blm:bl blr:by blz:bz bmu:bm bol:bo bra:br brb:bb brn:bn btn:bt bvt:bv bwa:bw caf:cf
  can:ca cck:cc che:ch chl:cl chn:cn civ:ci cmr:cm cod:cd cog:cg cok:ck col:co com:km cpv:cv
  cri:cr cub:cu cuw:cw cxr:cx cym:ky cyp:cy cze:cz deu:de dji:dj dma:dm dnk:dk dom:do dza:dz
  ecu:ec egy:eg eri:er esh:eh esp:es est:ee eth:et fin:fi fji:fj flk:fk fra:fr fro:fo fsm:fm
  gab:ga gbr:gb geo:ge ggy:gg gha:gh gib:gi gin:gn glp:gp gmb:gm gnb:gw gnq:gq grc:gr grd:gd
  grl:gl gtm:gt guf:gf gum:gu guy:gy hkg:hk hmd:hm hnd:hn hrv:hr hti:ht hun:hu idn:id imn:im
  ind:in iot:io irl:ie irn:ir irq:iq isl:is isr:il ita:it jam:jm jey:je jor:jo jpn:jp kaz:kz
  ken:ke kgz:kg khm:kh kir:ki kna:kn kor:kr kwt:kw lao:la lbn:lb lbr:lr lby:ly lca:lc lie:li
  lka:lk lso:ls ltu:lt lux:lu lva:lv mac:mo maf:mf mar:ma mco:mc mda:md mdg:mg mdv:mv mex:mx
  mhl:mh mkd:mk mli:ml mlt:mt mmr:mm mne:me mng:mn mnp:mp moz:mz mrt:mr msr:ms mtq:mq mus:mu
  mwi:mw mys:my myt:yt nam:na ncl:nc ner:ne nfk:nf nga:ng nic:ni niu:nu nld:nl nor:no npl:np
  nru:nr nzl:nz omn:om pak:pk pan:pa pcn:pn per:pe phl:ph plw:pw png:pg pol:pl pri:pr prk:kp
  prt:pt pry:py pse:ps pyf:pf qat:qa reu:re rou:ro rus:ru rwa:rw sau:sa sdn:sd sen:sn sgp:sg
  sgs:gs shn:sh sjm:sj slb:sb sle:sl slv:sv smr:sm som:so spm:pm srb:rs ssd:ss stp:st sur:sr
  svk:sk svn:si swe:se swz:sz sxm:sx syc:sc syr:sy tca:tc tcd:td tgo:tg tha:th tjk:tj tkl:tk
  tkm:tm tls:tl ton:to tto:tt tun:tn tur:tr tuv:tv twn:tw tza:tz uga:ug ukr:ua umi:um ury:uy
  usa:us uzb:uz vat:va vct:vc ven:ve vgb:vg vir:vi vnm:vn vut:vu wlf:wf wsm:ws yem:ye zaf:za
  zmb:zm zwe:zw
`).codes;

/** Country → lowercase alpha-2. `       United States       ` → `us`; `DEU` → `de`; `U.K.` → `gb`. */
export function normalizeCountry(raw: string): string | null {
  return regionCode(lettersOnly(raw), COUNTRY_NAMES, ALIASES);
}
