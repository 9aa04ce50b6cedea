"""Static vocabulary the generator draws from: people, places, companies and job templates.

Kept as plain tuples so generation only picks indices; nothing here is random.
"""

from __future__ import annotations

from dataclasses import dataclass

# fmt: off
FIRST_NAMES = (
    "Aisha", "Alejandro", "Amara", "Ana", "Arjun", "Ben", "Chen", "Chloe", "Daniel", "Dmitri",
    "Elena", "Emeka", "Fatima", "Felix", "Grace", "Hana", "Hiroshi", "Ines", "Isaac", "Jakub",
    "James", "Jin", "Julia", "Kai", "Kavya", "Leila", "Liam", "Lucas", "Maya", "Mateo", "Mei",
    "Mohammed", "Nadia", "Noah", "Olivia", "Omar", "Priya", "Rafael", "Rohan", "Sara", "Sofia",
    "Tariq", "Thomas", "Valentina", "Wei", "Yara", "Yusuf", "Zara", "Zoe", "Anders",
)

LAST_NAMES = (
    "Adeyemi", "Andersson", "Bakker", "Brown", "Chen", "Costa", "Dubois", "Fernandez", "Fischer",
    "Garcia", "Gupta", "Haddad", "Hansen", "Ibrahim", "Ivanova", "Jensen", "Kim", "Kowalski",
    "Kumar", "Lee", "Lopez", "Martin", "Meyer", "Mueller", "Nakamura", "Nguyen", "Novak", "Okafor",
    "O'Brien", "Park", "Patel", "Petrov", "Rossi", "Santos", "Schmidt", "Sharma", "Silva", "Smith",
    "Suzuki", "Tanaka", "Taylor", "Wang", "Williams", "Wilson", "Yilmaz",
)
# fmt: on


@dataclass(frozen=True)
class Place:
    city: str
    state: str
    country: str
    currency: str
    # Multiplier from a US-dollar salary to a local salary in `currency`.
    salary_factor: float
    phone_prefix: str


# fmt: off
PLACES = (
    Place("San Francisco", "California", "United States", "USD", 1.0, "+1 415"),
    Place("New York", "New York", "United States", "USD", 1.0, "+1 212"),
    Place("Austin", "Texas", "United States", "USD", 0.85, "+1 512"),
    Place("London", "England", "United Kingdom", "GBP", 0.62, "+44 20"),
    Place("Berlin", "Berlin", "Germany", "EUR", 0.62, "+49 30"),
    Place("Amsterdam", "North Holland", "Netherlands", "EUR", 0.65, "+31 20"),
    Place("Bengaluru", "Karnataka", "India", "INR", 25.0, "+91 80"),
    Place("Toronto", "Ontario", "Canada", "CAD", 1.0, "+1 416"),
    Place("Singapore", "Singapore", "Singapore", "SGD", 1.05, "+65 6"),
    Place("Sydney", "New South Wales", "Australia", "AUD", 1.15, "+61 2"),
    Place("Dublin", "Leinster", "Ireland", "EUR", 0.7, "+353 1"),
    Place("Lisbon", "Lisbon", "Portugal", "EUR", 0.42, "+351 21"),
)

EMPLOYERS = (
    "Stripe", "Shopify", "Atlassian", "Zalando", "Booking.com", "Spotify", "Revolut", "Canva",
    "Datadog", "Twilio", "HubSpot", "Klarna", "Adyen", "Wise", "Monzo", "Flipkart", "Razorpay",
    "Grab", "Delivery Hero", "N26", "GitLab", "Figma", "Notion", "Miro", "Personio", "Celonis",
    "Freshworks", "Zoho", "Contentful", "Mollie", "Deliveroo", "Ocado", "SAP", "Accenture",
    "Thoughtworks", "Infosys", "Salesforce", "Oracle", "IBM", "Cisco",
)

UNIVERSITIES = (
    "University of Toronto", "Technical University of Munich", "Delft University of Technology",
    "Indian Institute of Technology Bombay", "University College London", "Stanford University",
    "University of Texas at Austin", "National University of Singapore", "Trinity College Dublin",
    "University of Lisbon", "University of Sydney", "Humboldt University of Berlin",
    "University of Amsterdam", "Georgia Institute of Technology", "University of Waterloo",
)
# fmt: on

# Index = education level used by scoring: 0 none/bootcamp, 1 bachelor, 2 master, 3 PhD.
DEGREES = ("Bootcamp Certificate", "Bachelor of Science", "Master of Science", "PhD")

LANGUAGES = ("English", "Spanish", "German", "French", "Hindi", "Portuguese", "Mandarin", "Dutch")

SOFT_SKILLS = ("Communication", "Mentoring", "Problem Solving", "Teamwork", "Scrum")

CERTIFICATIONS = (
    "AWS Certified Solutions Architect",
    "Certified Kubernetes Administrator",
    "Google Data Analytics Certificate",
    "Certified Scrum Master",
    "Salesforce Certified Administrator",
)


@dataclass(frozen=True)
class JobTemplate:
    title: str
    department: str
    # Titles candidates for this job tend to hold today.
    candidate_titles: tuple[str, ...]
    majors: tuple[str, ...]
    skills: tuple[str, ...]
    # (criterion text, level); the first entries are the ones always picked.
    criteria: tuple[tuple[str, str], ...]
    salary_usd: tuple[int, int]
    years: int
    description: str
    assessment_questions: tuple[str, ...]


MUST, NICE, BONUS = "MUST_HAVE", "NICE_TO_HAVE", "BONUS"

# fmt: off
JOB_TEMPLATES = (
    JobTemplate(
        "Senior Backend Engineer", "Engineering",
        ("Backend Engineer", "Software Engineer", "Senior Software Engineer", "Platform Engineer"),
        ("Computer Science", "Software Engineering", "Mathematics"),
        ("Python", "Go", "PostgreSQL", "Kubernetes", "Docker", "Kafka", "RabbitMQ", "Redis", "AWS",
         "gRPC", "Django", "FastAPI", "Microservices", "Open Source"),
        (("Python or Go in production", MUST), ("5+ years of backend development", MUST),
         ("PostgreSQL at scale", NICE), ("Kubernetes and Docker", NICE),
         ("Kafka or RabbitMQ messaging", NICE), ("Open Source contributions", BONUS),
         ("Bachelor's degree in Computer Science", BONUS)),
        (150_000, 190_000), 5,
        "Design, build and run the services behind our hiring platform.",
        ("Walk us through a service you designed end to end.",
         "How do you make a database migration safe under load?",
         "Tell us about an outage you handled."),
    ),
    JobTemplate(
        "Product Designer", "Design",
        ("Product Designer", "UX Designer", "UI Designer", "Interaction Designer"),
        ("Interaction Design", "Graphic Design", "Human-Computer Interaction"),
        ("Figma", "Sketch", "Prototyping", "User Research", "Design Systems", "Usability Testing",
         "Accessibility", "Illustration", "HTML/CSS"),
        (("Figma", MUST), ("3+ years of product design", MUST), ("User Research", NICE),
         ("Design Systems", NICE), ("Usability Testing", NICE), ("Accessibility (WCAG)", BONUS),
         ("HTML/CSS prototyping", BONUS)),
        (110_000, 145_000), 3,
        "Shape how recruiters and candidates experience our product, from research to pixels.",
        ("Describe a design decision you changed after user research.",
         "How do you keep a design system consistent across teams?"),
    ),
    JobTemplate(
        "Data Scientist", "Data",
        ("Data Scientist", "Data Analyst", "Machine Learning Engineer", "Research Scientist"),
        ("Statistics", "Mathematics", "Economics", "Physics"),
        ("Python", "SQL", "Pandas", "scikit-learn", "Statistics", "A/B Testing", "PyTorch",
         "Spark", "Tableau", "dbt"),
        (("Python", MUST), ("Master's degree in Statistics or a quantitative field", MUST),
         ("A/B Testing", NICE), ("scikit-learn", NICE), ("Spark", NICE), ("PyTorch", BONUS),
         ("SQL", NICE)),
        (130_000, 170_000), 3,
        "Turn hiring data into models that predict candidate fit and funnel health.",
        ("How would you design an experiment to test a new ranking model?",
         "Explain a model you shipped and how you monitored it."),
    ),
    JobTemplate(
        "Frontend Engineer", "Engineering",
        ("Frontend Engineer", "Software Engineer", "Web Developer", "UI Engineer"),
        ("Computer Science", "Information Systems", "Software Engineering"),
        ("React", "TypeScript", "JavaScript", "Next.js", "GraphQL", "Jest", "Webpack", "Storybook",
         "Accessibility", "CSS"),
        (("React", MUST), ("TypeScript", MUST), ("3+ years of frontend development", NICE),
         ("GraphQL", NICE), ("Jest", NICE), ("Storybook", BONUS), ("Accessibility", BONUS)),
        (120_000, 160_000), 3,
        "Build fast, accessible interfaces for recruiters who live in our product all day.",
        ("How do you keep a large React codebase fast?", "What does an accessible form need?"),
    ),
    JobTemplate(
        "Platform Engineer", "Engineering",
        ("DevOps Engineer", "Site Reliability Engineer", "Platform Engineer", "Cloud Engineer"),
        ("Computer Science", "Electrical Engineering", "Information Technology"),
        ("Kubernetes", "Terraform", "AWS", "GCP", "Docker", "Prometheus", "Linux", "CI/CD",
         "Ansible", "Go"),
        (("Kubernetes", MUST), ("Terraform", MUST), ("4+ years of infrastructure work", MUST),
         ("AWS or GCP", NICE), ("Prometheus", NICE), ("Go", BONUS), ("Ansible", NICE)),
        (140_000, 180_000), 4,
        "Own the infrastructure, CI/CD and observability that keep TapTalent up.",
        ("How would you roll out a risky Kubernetes upgrade?",
         "Describe your ideal on-call setup."),
    ),
    JobTemplate(
        "Machine Learning Engineer", "Data",
        ("Machine Learning Engineer", "Data Scientist", "Software Engineer", "AI Engineer"),
        ("Computer Science", "Statistics", "Mathematics"),
        ("Python", "PyTorch", "TensorFlow", "MLOps", "Kubernetes", "Spark", "LLMs", "SQL", "AWS"),
        (("Python", MUST), ("PyTorch or TensorFlow", MUST), ("MLOps", NICE), ("LLMs", NICE),
         ("Spark", NICE), ("PhD in Machine Learning", BONUS), ("Kubernetes", BONUS)),
        (160_000, 210_000), 4,
        "Ship the models that score candidates against job criteria.",
        ("How do you evaluate a ranking model offline and online?",
         "Describe a time a model degraded in production."),
    ),
    JobTemplate(
        "Product Manager", "Product",
        ("Product Manager", "Senior Product Manager", "Product Owner", "Business Analyst"),
        ("Business Administration", "Computer Science", "Economics"),
        ("Roadmapping", "Analytics", "SQL", "A/B Testing", "Jira", "B2B SaaS",
         "Stakeholder Management", "User Research"),
        (("B2B SaaS", MUST), ("4+ years of product management", MUST), ("SQL", NICE),
         ("A/B Testing", NICE), ("Stakeholder Management", NICE), ("User Research", BONUS)),
        (135_000, 175_000), 4,
        "Own the recruiter workflow: discovery, prioritisation and launch.",
        ("Tell us about a feature you decided not to build.",
         "How do you measure the success of a launch?"),
    ),
    JobTemplate(
        "iOS Engineer", "Engineering",
        ("iOS Engineer", "Mobile Engineer", "Software Engineer", "iOS Developer"),
        ("Computer Science", "Software Engineering"),
        ("Swift", "SwiftUI", "Objective-C", "Xcode", "Combine", "Core Data", "REST APIs", "CI/CD"),
        (("Swift", MUST), ("3+ years of iOS development", MUST), ("SwiftUI", NICE),
         ("Combine", NICE), ("Objective-C", BONUS), ("Core Data", NICE)),
        (125_000, 165_000), 3,
        "Build the TapTalent iOS app hiring managers use to review candidates on the go.",
        ("How do you structure state in a SwiftUI app?",
         "How do you ship safely to the App Store?"),
    ),
    JobTemplate(
        "QA Automation Engineer", "Engineering",
        ("QA Engineer", "Test Automation Engineer", "SDET", "Quality Engineer"),
        ("Computer Science", "Information Technology"),
        ("Selenium", "Cypress", "Playwright", "Python", "Java", "JavaScript", "CI/CD",
         "API Testing"),
        (("Cypress or Playwright", MUST), ("API Testing", MUST), ("CI/CD", NICE),
         ("Python or Java", NICE), ("Selenium", BONUS)),
        (95_000, 130_000), 2,
        "Make our releases boring by automating the tests that matter.",
        ("How do you decide what to automate first?",
         "How do you deal with a flaky end-to-end test?"),
    ),
    JobTemplate(
        "Data Engineer", "Data",
        ("Data Engineer", "Analytics Engineer", "Software Engineer", "BI Engineer"),
        ("Computer Science", "Information Systems", "Mathematics"),
        ("Python", "SQL", "Spark", "Airflow", "dbt", "Snowflake", "Kafka", "AWS"),
        (("SQL", MUST), ("Python", MUST), ("Airflow", NICE), ("dbt", NICE), ("Snowflake", NICE),
         ("Kafka", BONUS), ("3+ years of data engineering", NICE)),
        (130_000, 170_000), 3,
        "Build the pipelines that feed analytics and the scoring models.",
        ("How do you make a pipeline idempotent?",
         "Describe a data quality incident and what you changed."),
    ),
    JobTemplate(
        "Engineering Manager", "Engineering",
        ("Engineering Manager", "Tech Lead", "Senior Software Engineer", "Head of Engineering"),
        ("Computer Science", "Software Engineering"),
        ("People Management", "Hiring", "Microservices", "Agile", "Python", "Java", "AWS"),
        (("People Management", MUST), ("7+ years of software engineering", MUST), ("Hiring", NICE),
         ("Microservices", NICE), ("Agile", NICE), ("Master's degree in Computer Science", BONUS)),
        (170_000, 220_000), 7,
        "Lead a team of eight engineers building candidate scoring and search.",
        ("How do you handle an underperforming engineer?",
         "How do you balance tech debt against roadmap work?"),
    ),
    JobTemplate(
        "Technical Recruiter", "People",
        ("Technical Recruiter", "Talent Acquisition Partner", "Recruiter", "Sourcer"),
        ("Psychology", "Business Administration", "Human Resources"),
        ("Sourcing", "LinkedIn Recruiter", "ATS", "Boolean Search", "Stakeholder Management",
         "Employer Branding"),
        (("Sourcing", MUST), ("2+ years of technical recruiting", MUST),
         ("LinkedIn Recruiter", NICE), ("Boolean Search", NICE), ("Employer Branding", BONUS)),
        (80_000, 110_000), 2,
        "Help us hire the engineers who build TapTalent.",
        ("How do you source for a hard-to-fill role?", "How do you keep hiring managers aligned?"),
    ),
    JobTemplate(
        "Customer Success Manager", "Customer Success",
        ("Customer Success Manager", "Account Manager", "Implementation Manager",
         "Customer Support Lead"),
        ("Business Administration", "Communications", "Marketing"),
        ("Salesforce", "Gainsight", "Account Management", "B2B SaaS", "Customer Onboarding",
         "Renewals"),
        (("B2B SaaS", MUST), ("Account Management", MUST), ("Gainsight", NICE),
         ("Salesforce", NICE), ("Renewals", BONUS)),
        (85_000, 115_000), 3,
        "Make our largest customers successful with TapTalent.",
        ("How do you rescue an account at risk of churning?",
         "Walk us through your onboarding plan for a new customer."),
    ),
    JobTemplate(
        "Security Engineer", "Engineering",
        ("Security Engineer", "Application Security Engineer", "Cloud Security Engineer",
         "Penetration Tester"),
        ("Computer Science", "Cybersecurity"),
        ("Threat Modeling", "AWS", "Penetration Testing", "SIEM", "Python", "Kubernetes", "SOC 2"),
        (("Threat Modeling", MUST), ("AWS", MUST), ("Penetration Testing", NICE), ("SIEM", NICE),
         ("SOC 2", BONUS), ("Python", NICE)),
        (150_000, 195_000), 4,
        "Protect candidate data and keep us SOC 2 compliant.",
        ("How would you threat-model our webhook delivery?",
         "Describe a vulnerability you found and how it was fixed."),
    ),
    JobTemplate(
        "Sales Development Representative", "Sales",
        ("Sales Development Representative", "Business Development Representative",
         "Account Executive", "Inside Sales Representative"),
        ("Business Administration", "Marketing", "Communications"),
        ("Salesforce", "Outreach", "Cold Calling", "HubSpot", "B2B SaaS", "Prospecting"),
        (("Prospecting", MUST), ("Cold Calling", MUST), ("Salesforce or HubSpot", NICE),
         ("B2B SaaS", NICE), ("Outreach", BONUS)),
        (60_000, 85_000), 1,
        "Start conversations with talent teams who need TapTalent.",
        ("How do you open a cold call?", "How do you research an account before outreach?"),
    ),
)
# fmt: on


# Every skill any template uses: the vocabulary criteria are matched against.
SKILL_VOCABULARY = tuple(sorted({s for t in JOB_TEMPLATES for s in t.skills} | set(SOFT_SKILLS)))

# Stage names per type; the index is picked per job so pipelines differ a little.
STAGE_NAMES = {
    "SOURCED": ("Sourced",),
    "APPLIED": ("Applied", "New Applicants"),
    "SCREEN": ("Phone Screen", "Recruiter Screen"),
    "ASSESSMENT": ("Technical Assessment", "Take-home Task", "Skills Interview"),
    "SHORTLISTED": ("Shortlisted", "Final Round"),
    "OFFER": ("Offer",),
    "ONBOARDING": ("Onboarding",),
    "HIRED": ("Hired",),
}

STAGE_TYPES = tuple(STAGE_NAMES)
