"""Names for synthetic people: Faker's en_GB lists plus names of the other heritages a
local authority's records hold, sound-alike spellings, nicknames and typing mistakes.

Every person made from these is invented: a given name and a family name are drawn
independently, so any resemblance to a real person is chance.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from faker.providers.address.en_GB import Provider as FakerAddress
from faker.providers.person.en_GB import Provider as FakerPerson

from hearth.people.rules.normalise import phonetic


@dataclass(frozen=True)
class Heritage:
    ethnicity: str  # DfE code
    weight: float
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]
    family_weights: tuple[float, ...] | None = None
    language: str = "English"


_EN_MALE = tuple(FakerPerson.first_names_male)
_EN_FEMALE = tuple(FakerPerson.first_names_female) + ("Zoë", "Chloé", "Renée", "Siân")
_EN_FAMILY = tuple(FakerPerson.last_names)
_EN_WEIGHTS = tuple(FakerPerson.last_names.values())

def _w(text: str) -> tuple[str, ...]:
    return tuple(text.split())


HERITAGES = (
    Heritage("WBRI", 0.66, _EN_MALE, _EN_FEMALE, _EN_FAMILY, _EN_WEIGHTS),
    Heritage("WIRI", 0.03, _w(
        "Seán Ciarán Pádraig Cian Oisín Conor Liam Eoin Darragh Cillian Fionn Tadhg Rory "
        "Niall Declan Eamon Colm Dónal Ruairí Cathal Diarmuid Brendan Kieran Shane Aidan"),
        _w("Niamh Aoife Siobhán Róisín Orla Caoimhe Saoirse Ciara Aisling Clodagh Gráinne "
           "Sinéad Méabh Éabha Nuala Bríd Deirdre Fiadh Sorcha Úna Eimear Ailbhe Clíona"),
        _w("O'Neill O'Brien O'Sullivan Murphy Byrne McCarthy Doyle Kelly Walsh O'Connor "
           "Ryan Gallagher Kennedy Lynch Quinn Brennan Flanagan Fitzgerald Maguire "
           "O'Donnell Nolan Reilly Doherty McLaughlin Kavanagh Hegarty Moloney Keane")),
    Heritage("WOTH", 0.05, _w(
        "Jakub Łukasz Mateusz Kacper Andrei Tomasz Piotr Paweł Krzysztof Michał Marcin "
        "Bartosz Wojciech Szymon Filip Dawid Kamil Adrian Mihai Alexandru Ionuț Bogdan "
        "Vasile Lukas Mantas Jonas Tautvydas Arvydas Dmytro Oleksandr Miroslav Radu Stefan"),
        _w("Zuzanna Oliwia Małgorzata Ioana Agnieszka Julia Katarzyna Magdalena Natalia "
           "Aleksandra Weronika Joanna Ewa Monika Karolina Gabriela Maja Alicja Elena "
           "Andreea Cristina Gabriela Roxana Ieva Rūta Gintarė Oksana Iryna Daria Alina"),
        _w("Kowalski Nowak Wiśniewski Wójcik Kamiński Popescu Ionescu Lewandowski "
           "Zieliński Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski "
           "Krawczyk Piotrowski Grabowski Pawlak Michalski Popa Dumitru Stan Stoica Gheorghe "
           "Kazlauskas Jankauskas Petrauskas Shevchenko Kovalenko Bondarenko Horvat Novák"),
        language="Polish"),
    Heritage("WROM", 0.01, _EN_MALE, _EN_FEMALE, _w(
        "Boswell Lovell Price Lee Smith Loveridge Cooper Buckley Wood Heron Stanley Ayres "
        "Doe Eastwood Gray Hearn Scamp Taylor Young")),
    Heritage("MWBC", 0.04, _EN_MALE, _EN_FEMALE, _EN_FAMILY, _EN_WEIGHTS),
    Heritage("APKN", 0.05, _w(
        "Muhammad Mohammed Ali Hamza Ibrahim Yusuf Zain Adam Ayaan Bilal Faisal Hassan "
        "Haris Imran Junaid Kashif Mustafa Nabeel Omar Qasim Rehan Saad Shahid Tariq Usman "
        "Waqas Zubair Asad Danish Ehsan Irfan Kamran Nadeem Rizwan Sajid Umar Waseem Zeeshan"),
        _w("Aisha Fatima Maryam Zainab Hafsa Amina Ayesha Aleena Alishba Anam Bushra Eman "
           "Hina Iqra Khadija Laiba Mahnoor Nadia Noor Rabia Saba Sadia Samina Sana Shazia "
           "Sobia Tahira Uzma Zara Zoya Amna Asma Farah Hira Kiran Mehwish Nida Rukhsana"),
        _w("Khan Hussain Ahmed Ali Iqbal Akhtar Mahmood Rashid Butt Malik Qureshi Chaudhry "
           "Raja Shah Mirza Aslam Bashir Hanif Javed Latif Majid Nawaz Rafiq Riaz Saleem "
           "Sharif Siddiqui Tariq Yousaf Zaman Anwar Arshad Ashraf Aziz Farooq Haider"),
        language="Urdu"),
    Heritage("ABAN", 0.02, _w(
        "Mohammed Abdul Rahim Mohamed Sabbir Abdullah Arif Fahim Habib Jamal Kamal Mahfuz "
        "Mizanur Nazrul Rafiq Rakib Sajjad Shafiq Shahin Tanvir Rubel Jahangir Mamun Sohel"),
        _w("Nusrat Sumaiya Ayesha Tahmina Rumana Afsana Farzana Jannat Lipi Momtaz Nasima "
           "Parveen Rahima Rokeya Salma Shamima Sharmin Shirin Taslima Yasmin Sultana Ruma"),
        _w("Begum Uddin Miah Rahman Islam Chowdhury Ahmed Hossain Khatun Alam Haque Karim "
           "Mondal Sarkar Talukder Bhuiyan Mollah Sheikh Siddique Akter Das Roy"),
        language="Bengali"),
    Heritage("AIND", 0.03, _w(
        "Arjun Aarav Rohan Vikram Harpreet Sanjay Amit Anil Ashok Deepak Gurpreet Hardeep "
        "Jaswinder Karan Manish Navjot Nikhil Pranav Rahul Rajesh Ravi Sachin Sandeep Sunil "
        "Varun Vijay Vivek Yash Aditya Ishaan Kabir Krish Dev Jasdeep Parminder Sukhdev"),
        _w("Priya Ananya Anjali Kiran Simran Deepa Aarti Amrit Divya Gurleen Harleen Isha "
           "Jaspreet Kavita Komal Lakshmi Manpreet Meera Neha Nisha Pooja Preeti Rajinder "
           "Ritu Sangeeta Shreya Sonia Sunita Tanvi Jasleen Navneet Palvinder Diya Riya"),
        _w("Patel Singh Kaur Sharma Shah Gill Mistry Parmar Chauhan Joshi Kumar Gupta Mehta "
           "Sandhu Sidhu Dhillon Grewal Bains Johal Rai Mann Virdi Lad Desai Pandya Solanki "
           "Thakkar Verma Chopra Kapoor Malhotra Bhatt Naidu Reddy Nair"),
        language="Punjabi"),
    Heritage("BAFR", 0.04, _w(
        "Kwame Kofi Chidi Emeka Tunde Yaw Kwabena Kojo Femi Segun Ade Olu Chinedu Ikenna "
        "Obinna Uche Nnamdi Babajide Dayo Gbenga Kayode Tobi Abdi Mohamed Tesfaye Dawit "
        "Kibet Otieno Tendai Tafadzwa Themba Sipho Musa Idris Mamadou Ousmane"),
        _w("Amara Chioma Abena Ngozi Adaeze Ama Akosua Efua Adwoa Yaa Funmi Bisi Folake "
           "Kemi Titi Yetunde Nkechi Chiamaka Ifeoma Uchenna Zainab Hodan Ayan Faduma Saida "
           "Wanjiru Achieng Nyasha Rutendo Thandiwe Nomvula Aminata Fatou Mariama"),
        _w("Okafor Mensah Adeyemi Okonkwo Boateng Asante Osei Owusu Appiah Agyeman Darko "
           "Adebayo Afolabi Ogunleye Oladipo Balogun Eze Nwosu Obi Okeke Uzor Ibrahim Abdi "
           "Hassan Warsame Farah Mohamud Kamau Otieno Mwangi Moyo Ndlovu Dlamini Diallo"),
        language="Yoruba"),
    Heritage("BCRB", 0.03, _EN_MALE, _EN_FEMALE, _w(
        "Campbell Brown Williams Clarke Francis Grant Thompson Johnson Robinson Edwards "
        "Reid Gordon Henry Morgan Stewart Lewis Bailey Richards Thomas Simpson Watson "
        "Beckford Hylton McKenzie Forbes Gayle Samuels Spence Walters Powell")),
    Heritage("CHNE", 0.01, _w("Wei Jun Hao Jian Ming Lei Yong Bo Chen Feng Tao Kai Yi Jie"),
             _w("Mei Xin Ling Yan Hui Jing Li Na Fang Ying Xiu Lan Qing Yu"),
             _w("Chen Wang Li Zhang Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin "
                "He Gao Luo Cheung Wong Chan Leung Lau"), language="Cantonese"),
    Heritage("OOTH", 0.03, _w(
        "José Mateo Omar Dawit Reza Ahmad Ali Hussein Karim Mehdi Arash Dariusz Carlos Juan "
        "Luis Miguel Pedro Rafael Tiago João Diego Andrés Samir Walid Yousef Hamid Kaveh"),
        _w("Sofía Noémie Leyla Hana Marta Ana Lucía María Beatriz Inês Camila Valentina "
           "Shirin Parisa Nasrin Roya Layla Yasmin Rania Dalia Nour Mina Sara Elif Zeynep"),
        _w("D'Souza Silva Haile Karimi Mendes Fernandes Pereira Santos Costa Oliveira "
           "Rodrigues García Martínez López González Hosseini Ahmadi Rezaei Moradi Yilmaz "
           "Kaya Demir Şahin Haddad Khalil Mansour Nasser Saleh Tesfaye Gebremedhin")),
)

VARIANTS: tuple[tuple[str, ...], ...] = (
    ("Mohammed", "Muhammad", "Mohamed", "Mohammad", "Muhammed"),
    ("Catherine", "Kathryn", "Katherine", "Catharine"), ("Smith", "Smyth"),
    ("Stephen", "Steven"), ("Jon", "John"), ("Sean", "Shaun", "Shawn", "Seán"),
    ("Aisha", "Ayesha"), ("Zoe", "Zoë", "Zoey"), ("Chloe", "Chloé"),
    ("Phillip", "Philip", "Filip"), ("Jayden", "Jaden", "Jaiden"), ("Louis", "Lewis"),
    ("Sara", "Sarah"), ("Ellie", "Elly"), ("Isabel", "Isobel"), ("Connor", "Conor"),
    ("Geoffrey", "Jeffrey"), ("Thompson", "Thomson"), ("Kerry", "Kerri"),
    ("Hussain", "Hussein", "Husain"), ("Matthew", "Mathew"), ("Christopher", "Kristopher"),
    ("Macdonald", "McDonald"), ("O'Neill", "O'Neil"), ("Nowak", "Novak"), ("Sophie", "Sofie"),
    ("Michelle", "Michele"), ("Rachel", "Rachael"), ("Leanne", "Lianne"), ("Dean", "Deen"),
)
_VARIANT_OF = {name.lower(): group for group in VARIANTS for name in group}

NICKNAMES = {
    "Christopher": "Chris", "Michael": "Mike", "Rebecca": "Becky", "Elizabeth": "Beth",
    "Jennifer": "Jen", "Samantha": "Sam", "Alexander": "Alex", "William": "Billy",
    "Robert": "Rob", "Thomas": "Tom", "Daniel": "Danny", "Victoria": "Vicky",
    "Jessica": "Jess", "Joseph": "Joe", "James": "Jamie", "Anthony": "Tony",
    "Stephen": "Steve", "Kerry": "Kez", "Katherine": "Kate", "Catherine": "Cath",
    "Mohammed": "Mo", "Muhammad": "Mo", "Nicholas": "Nick", "Margaret": "Maggie",
}

TOWNS = ("Ashford Vale", "Brookfield", "Carrow", "Dunmere", "Eastwick", "Fairhaven",
         "Greyford", "Holloway Cross")
STREET_KINDS = ("Road", "Street", "Close", "Avenue", "Lane", "Way", "Gardens", "Crescent",
                "Drive", "Court", "Terrace", "Walk")
LOCAL_AREAS = ("SO", "PO", "BH", "SP", "RG", "GU")
_UNIT_FIRST = "ABDEFGHJ"
_UNIT_SECOND = FakerAddress._postcode_sets["E"]  # letters used in the inward code
ELSEWHERE = tuple(z for z in FakerAddress.POSTAL_ZONES if len(z) == 2)

_KEYBOARD = {
    "a": "sq", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj",
    "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o",
    "q": "w", "r": "et", "s": "ad", "t": "ry", "u": "yi", "v": "cb", "w": "qe", "x": "zc",
    "y": "tu", "z": "x",
}


def pick_heritage(rng: random.Random) -> Heritage:
    return rng.choices(HERITAGES, weights=[h.weight for h in HERITAGES])[0]


def given_name(rng: random.Random, heritage: Heritage, sex: str) -> str:
    return rng.choice(heritage.male if sex == "M" else heritage.female)


def family_name(rng: random.Random, heritage: Heritage) -> str:
    if heritage.family_weights:
        return rng.choices(heritage.family, weights=heritage.family_weights)[0]
    return rng.choice(heritage.family)


def typo(rng: random.Random, name: str) -> str:
    """A typing mistake: two letters swapped, one dropped, one doubled or a neighbouring key.

    The first letter is kept: people rarely mistype it, and it is what they check.
    """
    letters = list(name)
    places = [i for i in range(1, len(letters)) if letters[i].isalpha()]
    if len(places) < 2:
        return name + name[-1]
    for _ in range(5):
        i = rng.choice(places[:-1])
        kind = rng.choice(("swap", "drop", "double", "key"))
        new = letters[:]
        if kind == "swap":
            new[i], new[i + 1] = new[i + 1], new[i]
        elif kind == "drop":
            del new[i]
        elif kind == "double":
            new.insert(i, new[i])
        else:
            near = _KEYBOARD.get(new[i].lower(), "e")
            new[i] = rng.choice(near)
        result = "".join(new)
        if result.lower() != name.lower():
            return result
    return name + name[-1]


_SOUND_RULES = (("ck", "k"), ("ph", "f"), ("ll", "l"), ("nn", "n"), ("ie", "y"), ("y", "ie"),
                ("ee", "ea"), ("tt", "t"), ("mm", "m"), ("rr", "r"), ("ss", "s"), ("c", "k"),
                ("k", "c"), ("i", "y"), ("ou", "ow"), ("ae", "ay"), ("s", "z"))


def sound_alike(rng: random.Random, name: str) -> str | None:
    """Another spelling that sounds the same (Mohammed -> Muhammad), or None."""
    group = _VARIANT_OF.get(name.lower())
    if group:
        others = [v for v in group if v.lower() != name.lower()]
        if others:
            return rng.choice(others)
    key = phonetic(name)
    rules = list(_SOUND_RULES)
    rng.shuffle(rules)
    for old, new in rules:
        idx = name.lower().find(old, 1)
        if idx > 0:
            candidate = name[:idx] + new + name[idx + len(old):]
            if phonetic(candidate) == key and candidate.lower() != name.lower():
                return candidate
    return None


def postcode(rng: random.Random) -> str:
    """A made-up postcode, mostly in the local authority's own areas (shared by neighbours)."""
    if rng.random() < 0.9:
        area = rng.choice(LOCAL_AREAS)
        district = rng.randint(1, 15)
    else:
        area = rng.choice(ELSEWHERE)
        district = rng.randint(1, 30)
    unit = rng.choice(_UNIT_FIRST) + rng.choice(_UNIT_SECOND)
    return f"{area}{district} {rng.randint(0, 9)}{unit}"


def street(rng: random.Random) -> str:
    base = rng.choice(_EN_FAMILY) if rng.random() < 0.6 else rng.choice(_EN_FEMALE + _EN_MALE)
    return f"{rng.randint(1, 180)} {base} {rng.choice(STREET_KINDS)}"
